package io.topicguard.dsl.check;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Validates {@code ~ "regex"} patterns with RE2/J, the engine that will run them in linear time
 * (usernames and client ids are attacker-controlled, so no backtracking engine).
 */
public final class Regexes {

    private Regexes() {
    }

    /** Why {@code pattern} does not compile, with the offset RE2/J points at, or null when it compiles. */
    public static Problem problem(String pattern) {
        try {
            Pattern.compile(pattern);
            return null;
        } catch (PatternSyntaxException e) {
            return describe(pattern, e);
        } catch (RuntimeException | StackOverflowError e) {
            // RE2/J can give up on pathological patterns in ways other than a syntax exception.
            return Problem.whole("invalid regular expression: " + e.getClass().getSimpleName(), null);
        }
    }

    private static Problem describe(String pattern, PatternSyntaxException e) {
        String description = e.getDescription();
        String fragment = e.getPattern();
        if ("stack underflow".equals(fragment)) {
            // RE2/J's way of saying a ')' closes nothing.
            return new Problem("invalid regular expression: unmatched ')'", unmatchedParen(pattern),
                    "remove the ')' or escape it as \\\\)");
        }
        int offset;
        if (description.startsWith("trailing backslash")) {
            offset = pattern.length() - 1;
        } else if (description.startsWith("missing closing )")) {
            // RE2/J quotes the whole pattern here; point at the '(' that is never closed instead.
            offset = unclosedParen(pattern);
        } else if (description.startsWith("missing closing")) {
            // The fragment runs from the unclosed bracket to the end of the pattern.
            offset = fragment.isEmpty() ? -1 : pattern.lastIndexOf(fragment);
        } else {
            offset = fragment.isEmpty() ? -1 : pattern.indexOf(fragment);
        }
        String shown = fragment.isEmpty() ? "" : ": `" + Clip.of(fragment) + "`";
        return new Problem("invalid regular expression: " + description + shown, offset, hint(description));
    }

    private static String hint(String description) {
        if (description.startsWith("invalid escape") || description.startsWith("trailing backslash")) {
            return "RE2 syntax; a backslash in a policy string is written \\\\, e.g. \"^sensor-\\\\d+$\"";
        }
        if (description.startsWith("invalid nested repetition")) {
            return "RE2 has no possessive or nested repetition; write a single operator, e.g. a+";
        }
        return null;
    }

    /** The last '(' left open at the end of the pattern, outside escapes and character classes. */
    private static int unclosedParen(String pattern) {
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                open.push(i);
            } else if (c == ')' && !open.isEmpty()) {
                open.pop();
            }
        }
        return open.isEmpty() ? -1 : open.peek();
    }

    private static int unmatchedParen(String pattern) {
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return i;
            }
        }
        return -1;
    }
}
