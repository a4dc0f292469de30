package io.topicguard.dsl.check;

import io.topicguard.dsl.TopicSyntax;

import java.util.List;

/**
 * The static checks of a rule's topic strings (docs/language.md, Errors): valid MQTT filter, no
 * {@code $share/}, and only the placeholders {@code ${username}}, {@code ${clientid}}, {@code ${cn}}.
 */
public final class TopicChecks {

    /** The placeholder names a topic may hold (docs/language.md). */
    public static final List<String> PLACEHOLDERS = List.of("username", "clientid", "cn");

    private static final String SHARE_PREFIX = "$share/";

    private TopicChecks() {
    }

    /** Every problem of a (non-{@code eq}) rule topic, in the order they occur in the string. */
    public static List<Problem> filterProblems(String filter) {
        java.util.ArrayList<Problem> problems = new java.util.ArrayList<>(0);
        Problem share = shareProblem(filter);
        if (share != null) {
            problems.add(share);
        }
        placeholderProblems(filter, problems);
        // A placeholder stands for non-empty text without '/', '+', '#' or NUL (docs/semantics.md, Placeholders
        // makes any other value match nothing), and so does its written form: the written filter
        // is valid exactly when every expansion that can match is.
        String syntax = TopicSyntax.filterProblem(filter);
        if (syntax != null) {
            problems.add(new Problem(syntax, syntaxOffset(filter), syntaxHint(syntax)));
        }
        return problems;
    }

    /** Every problem of an {@code eq "X"} topic: X is compared verbatim, so only validity and {@code $share/}. */
    public static List<Problem> exactProblems(String topic) {
        java.util.ArrayList<Problem> problems = new java.util.ArrayList<>(0);
        Problem share = shareProblem(topic);
        if (share != null) {
            problems.add(share);
        }
        String syntax = TopicSyntax.filterProblem(topic);
        if (syntax != null) {
            problems.add(new Problem(syntax, syntaxOffset(topic), syntaxHint(syntax)));
        }
        return problems;
    }

    private static Problem shareProblem(String topic) {
        if (!topic.startsWith(SHARE_PREFIX)) {
            return null;
        }
        // docs/semantics.md, Subscribe: a subscription $share/GROUP/F is checked as F, so a rule about the
        // $share/ form could never match anything.
        int groupEnd = topic.indexOf('/', SHARE_PREFIX.length());
        String rest = groupEnd < 0 ? "F" : topic.substring(groupEnd + 1);
        return new Problem("a rule topic must not start with '$share/': shared subscriptions are checked as the filter after '$share/GROUP/'",
                0, "write the rule for the topic without '$share/GROUP/', e.g. \"" + (rest.isEmpty() ? "F" : Clip.of(rest)) + "\"");
    }

    private static void placeholderProblems(String filter, List<Problem> problems) {
        int from = 0;
        while (true) {
            int start = filter.indexOf("${", from);
            if (start < 0) {
                return;
            }
            int end = filter.indexOf('}', start + 2);
            if (end < 0) {
                problems.add(new Problem("'${' starts a placeholder that is never closed with '}'", start,
                        "write ${username}, ${clientid} or ${cn}"));
                return;
            }
            String name = filter.substring(start + 2, end);
            if (!PLACEHOLDERS.contains(name)) {
                String suggestion = Suggestions.closest(name, PLACEHOLDERS);
                problems.add(new Problem("unknown placeholder '${" + Clip.of(name) + "}'", start,
                        suggestion != null ? "did you mean ${" + suggestion + "}?"
                                : "the placeholders are ${username}, ${clientid} and ${cn}"));
            }
            from = end + 1;
        }
    }

    /** Where in {@code filter} TopicSyntax's complaint is, for the caret; -1 for the whole string. */
    private static int syntaxOffset(String filter) {
        if (filter.isEmpty()) {
            return -1;
        }
        int nul = filter.indexOf('\0');
        if (nul >= 0) {
            return nul;
        }
        int levelStart = 0;
        for (int i = 0; i <= filter.length(); i++) {
            if (i == filter.length() || filter.charAt(i) == '/') {
                for (int j = levelStart; j < i; j++) {
                    char c = filter.charAt(j);
                    if ((c == '+' || c == '#') && (i - levelStart != 1 || (c == '#' && i != filter.length()))) {
                        return j;
                    }
                }
                levelStart = i + 1;
            }
        }
        return -1;
    }

    private static String syntaxHint(String problem) {
        if (problem.contains("'#'")) {
            return "'#' stands alone as the last level: \"a/#\"";
        }
        if (problem.contains("'+'")) {
            return "'+' stands alone in its level: \"a/+/b\"";
        }
        return null;
    }
}
