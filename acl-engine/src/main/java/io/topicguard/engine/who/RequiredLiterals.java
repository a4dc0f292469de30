package io.topicguard.engine.who;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Literals that every string an RE2 pattern finds a match in contains: for {@code ^ops-7-} the
 * literal {@code ops-7-}; for {@code ^(a|b)x+y$} the literal {@code x}; for {@code ab|cd} one of
 * {@code ab} and {@code cd}. {@link WhoIndex} files a regex term under its literals, so binding a
 * client runs the regex only when its attribute contains one of them.
 *
 * <p>RE2/J exposes no syntax tree, so this reads the pattern text, and it is conservative by
 * construction: any construct it does not fully understand (flags such as {@code (?i)},
 * {@code \Q...\E}, {@code \x41}, {@code \pL}, octal escapes) makes it answer null ("no literal
 * known: always evaluate"), never a literal the pattern could match without. Groups and classes
 * are skipped (a literal inside {@code (...)} may sit under a quantifier or an alternation), and
 * an atom under {@code *}, {@code ?} or {@code {0,n}} is dropped from the literal it ends.
 * testkit's RequiredLiteralsProperties checks this against RE2/J over random patterns and strings.
 */
final class RequiredLiterals {

    /**
     * Longer literals are cut to this many chars (a piece of a required literal is required too),
     * so a lookup walks at most this far from each position of the attribute.
     */
    static final int MAX_LENGTH = 32;

    private RequiredLiterals() {
    }

    /**
     * Literals, at least one of which occurs in every string {@code pattern} finds a match in, each
     * non-empty and at most {@link #MAX_LENGTH} chars; null when none can be told from the text.
     */
    static @Nullable List<String> of(String pattern) {
        if (pattern.contains("\\Q") || hasUnpairedSurrogate(pattern)) {
            return null;
        }
        List<String> branches = topLevelBranches(pattern);
        if (branches == null) {
            return null;
        }
        Set<String> literals = new LinkedHashSet<>();
        for (String branch : branches) {
            String literal = longestLiteral(branch);
            if (literal == null || literal.isEmpty()) {
                return null;
            }
            literals.add(literal.length() > MAX_LENGTH ? literal.substring(0, MAX_LENGTH) : literal);
        }
        return List.copyOf(literals);
    }

    /**
     * A pattern that is nothing but a literal, optionally anchored: {@code ^ops-7-}, {@code -eu$},
     * {@code ^exact$}, {@code box}. RE2 without flags reads {@code ^} and {@code $} as the start and
     * end of the text, so such a pattern finds a match exactly when the string starts with, ends
     * with, equals or contains the literal, which costs far less than running RE2/J. Null for any
     * other pattern.
     */
    static @Nullable PlainPattern plain(String pattern) {
        boolean start = pattern.startsWith("^");
        boolean end = pattern.endsWith("$") && !pattern.endsWith("\\$") && pattern.length() > (start ? 1 : 0);
        String body = pattern.substring(start ? 1 : 0, pattern.length() - (end ? 1 : 0));
        if (hasUnpairedSurrogate(body)) {
            return null;
        }
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\') {
                if (i + 1 >= body.length()) {
                    return null;
                }
                char next = body.charAt(++i);
                if (next >= 128 || Character.isLetterOrDigit(next)) {
                    return null;
                }
                literal.append(next);
            } else if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                return null;
            } else {
                literal.append(c);
            }
        }
        return new PlainPattern(literal.toString(), start, end);
    }

    /** What {@link #plain} found: the literal and where it must sit. */
    record PlainPattern(String literal, boolean atStart, boolean atEnd) {

        /** Whether RE2 finds the pattern in {@code text}. */
        boolean find(String text) {
            if (atStart && atEnd) {
                return text.equals(literal);
            }
            if (atStart) {
                return text.startsWith(literal);
            }
            return atEnd ? text.endsWith(literal) : text.contains(literal);
        }
    }

    /** The pattern split at its top-level {@code |}; null when the text is not balanced. */
    private static @Nullable List<String> topLevelBranches(String pattern) {
        List<String> branches = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                i = classEnd(pattern, i);
                if (i < 0) {
                    return null;
                }
            } else if (c == '(') {
                i = groupEnd(pattern, i);
                if (i < 0) {
                    return null;
                }
            } else if (c == ')') {
                return null;
            } else {
                if (c == '|') {
                    branches.add(pattern.substring(start, i));
                    start = i + 1;
                }
                i++;
            }
        }
        if (i > pattern.length()) {
            return null; // a trailing backslash
        }
        branches.add(pattern.substring(start));
        return branches;
    }

    /** The longest run of chars every match of {@code branch} (no top-level {@code |}) contains, or null. */
    private static @Nullable String longestLiteral(String branch) {
        Runs runs = new Runs();
        int i = 0;
        while (i < branch.length()) {
            char c = branch.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= branch.length()) {
                        return null;
                    }
                    char next = branch.charAt(i + 1);
                    if ("dDwWsSbBAz".indexOf(next) >= 0) {
                        runs.end(); // a class or an assertion: not a literal char
                    } else if ("aftnrv".indexOf(next) >= 0) {
                        runs.append("\u0007\f\t\n\r\u000b".charAt("aftnrv".indexOf(next)));
                    } else if (next < 128 && !Character.isLetterOrDigit(next)) {
                        runs.append(next); // escaped punctuation stands for itself
                    } else {
                        return null; // \x41, \pL, \123, ...: not worth reading; no literal
                    }
                    i += 2;
                }
                case '[' -> {
                    i = classEnd(branch, i);
                    if (i < 0) {
                        return null;
                    }
                    runs.end();
                }
                case '(' -> {
                    if (branch.startsWith("(?", i) && flagsOnly(branch, i + 2)) {
                        return null; // (?i) and the like change how the rest matches
                    }
                    i = groupEnd(branch, i);
                    if (i < 0) {
                        return null;
                    }
                    runs.end();
                }
                case '.', '^', '$' -> {
                    runs.end();
                    i++;
                }
                case '*', '?' -> {
                    runs.dropLastAtom();
                    i++;
                }
                case '+' -> {
                    runs.end();
                    i++;
                }
                case '{' -> {
                    int close = repeatEnd(branch, i);
                    if (close < 0) {
                        runs.end(); // RE2 reads a '{' that starts no repeat as itself; skipping it is safe
                        i++;
                    } else {
                        if (repeatMinimum(branch, i) == 0) {
                            runs.dropLastAtom();
                        } else {
                            runs.end();
                        }
                        i = close + 1;
                    }
                }
                default -> {
                    int codePoint = branch.codePointAt(i);
                    runs.append(codePoint);
                    i += Character.charCount(codePoint);
                }
            }
        }
        runs.end();
        return runs.longest;
    }

    /** Literal runs of one branch, and the longest finished so far. */
    private static final class Runs {
        private final StringBuilder current = new StringBuilder();
        /** Where the last literal atom of {@link #current} starts, or -1 when the last atom was no literal. */
        private int lastAtom = -1;
        private @Nullable String longest;

        void append(int codePoint) {
            lastAtom = current.length();
            current.appendCodePoint(codePoint);
        }

        /** A quantifier that allows zero: the atom it applies to may be absent, so the run ends before it. */
        void dropLastAtom() {
            if (lastAtom >= 0) {
                current.setLength(lastAtom);
            }
            end();
        }

        void end() {
            if (current.length() > 0 && (longest == null || current.length() > longest.length())) {
                longest = current.toString();
            }
            current.setLength(0);
            lastAtom = -1;
        }
    }

    /** Whether the {@code (?} at {@code from - 2} is a flag setting like {@code (?i)} rather than a group. */
    private static boolean flagsOnly(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ')') {
                return true;
            }
            if (c == ':' || c == '<' || c == 'P') {
                return false;
            }
        }
        return true;
    }

    /** Index after the {@code ]} closing the class opened at {@code open}, or -1. */
    private static int classEnd(String text, int open) {
        int i = open + 1;
        if (i < text.length() && text.charAt(i) == '^') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == ']') {
            i++; // a ']' first in a class is a member
        }
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[' && i + 1 < text.length() && text.charAt(i + 1) == ':') {
                int end = text.indexOf(":]", i + 2);
                i = end < 0 ? i + 1 : end + 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Index after the {@code )} closing the group opened at {@code open}, or -1. */
    private static int groupEnd(String text, int open) {
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                i = classEnd(text, i);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    /** Index of the '}' of a repeat {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code open}, or -1. */
    private static int repeatEnd(String text, int open) {
        int i = open + 1;
        int digits = 0;
        while (i < text.length() && isAsciiDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= text.length()) {
            return -1;
        }
        if (text.charAt(i) == ',') {
            i++;
            while (i < text.length() && isAsciiDigit(text.charAt(i))) {
                i++;
            }
        }
        return i < text.length() && text.charAt(i) == '}' ? i : -1;
    }

    private static int repeatMinimum(String text, int open) {
        int i = open + 1;
        // A minimum too large to be a valid repeat is rejected by the parser; count only whether it is zero.
        while (i < text.length() && text.charAt(i) == '0') {
            i++;
        }
        return isAsciiDigit(text.charAt(i)) ? 1 : 0;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
