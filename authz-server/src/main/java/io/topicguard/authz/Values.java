package io.topicguard.authz;

import io.topicguard.auth.log.LogText;

/**
 * How values a client chose (topics, usernames, client ids) appear in logs and error messages:
 * at most {@value #MAX_CHARS} characters, quoted, with quotes, backslashes and control characters
 * escaped, so a hostile value can neither flood the log nor forge a second line of it. The
 * service's wording of the cap ({@code …(1000 chars)}, the whole length) over the shared {@link LogText}.
 */
final class Values {

    static final int MAX_CHARS = LogText.MAX_CHARS;

    private Values() {
    }

    static String cap(String value) {
        return LogText.capCounted(value, MAX_CHARS);
    }

    static String quote(String value) {
        return LogText.quoteCounted(value);
    }
}
