package io.topicguard.authz;

/**
 * How values a client chose (topics, usernames, client ids) appear in logs and error messages:
 * at most {@value #MAX_CHARS} characters, quoted, with quotes, backslashes and control characters
 * escaped, so a hostile value can neither flood the log nor forge a second line of it.
 */
final class Values {

    static final int MAX_CHARS = 256;

    private Values() {
    }

    static String cap(String value) {
        return value.length() <= MAX_CHARS ? value : value.substring(0, MAX_CHARS) + "…(" + value.length() + " chars)";
    }

    static String quote(String value) {
        String capped = cap(value);
        StringBuilder out = new StringBuilder(capped.length() + 2).append('"');
        capped.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                // C0, DEL, C1 and the Unicode line separators: log shippers break lines at them.
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.append('"').toString();
    }
}
