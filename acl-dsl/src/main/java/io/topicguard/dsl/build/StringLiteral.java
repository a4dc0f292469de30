package io.topicguard.dsl.build;

import io.topicguard.dsl.source.FileReporter;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Decodes a STRING token: the escapes of docs/language.md are {@code \" \\ \n \t \}{@code uXXXX};
 * anything else after a backslash is an error pointing at the backslash.
 */
public final class StringLiteral {

    private StringLiteral() {
    }

    /** The decoded value of {@code token}, or null after reporting a bad escape. */
    public static String decode(Token token, FileReporter reporter) {
        // The common case, a string without escapes, costs one String taken straight from the input.
        String inner = token.getInputStream().getText(Interval.of(token.getStartIndex() + 1, token.getStopIndex() - 1));
        if (inner.indexOf('\\') < 0) {
            return inner;
        }
        String raw = token.getText();
        int end = raw.length() - 1; // closing quote
        StringBuilder out = new StringBuilder(end);
        boolean ok = true;
        for (int i = 1; i < end; i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = i + 1 < end ? raw.charAt(i + 1) : '\0';
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int value = hex4(raw, i + 2, end);
                    if (value < 0) {
                        reporter.errorInString(token, rawOffset(raw, i),
                                "'\\u' must be followed by exactly four hex digits", "write e.g. \\u00e9 for é");
                        ok = false;
                    } else {
                        out.append((char) value);
                    }
                    i += 4;
                }
                default -> {
                    reporter.errorInString(token, rawOffset(raw, i),
                            "unknown escape '\\" + new String(Character.toChars(raw.codePointAt(i + 1))) + "' in a string",
                            "the escapes are \\\" \\\\ \\n \\t \\uXXXX; a regular expression needs its backslash doubled, e.g. \"\\\\d+\"");
                    ok = false;
                }
            }
            i++;
        }
        if (ok && hasUnpairedSurrogate(out)) {
            // Only a backslash-u escape can produce one; it could never be encoded as the UTF-8 MQTT requires (MQTT-1.5.4-1).
            reporter.errorInString(token, 0, "the string holds half of a UTF-16 surrogate pair, which is not a character",
                    "write both halves, e.g. \\uD83D\\uDE00, or the character itself");
            ok = false;
        }
        return ok ? out.toString() : null;
    }

    private static boolean hasUnpairedSurrogate(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The offset, in characters after the opening quote, of the raw text that produced the
     * character at {@code decodedIndex} of the decoded value; used to point into a string.
     */
    static int rawOffsetOfDecoded(String raw, int decodedIndex) {
        int end = raw.length() - 1;
        int decoded = 0;
        int i = 1;
        while (i < end && decoded < decodedIndex) {
            if (raw.charAt(i) == '\\') {
                i += raw.charAt(i + 1) == 'u' ? 6 : 2;
            } else {
                i++;
            }
            decoded++;
        }
        return rawOffset(raw, Math.min(i, end));
    }

    /** Characters (code points) between the opening quote and UTF-16 index {@code index} of {@code raw}. */
    private static int rawOffset(String raw, int index) {
        return raw.codePointCount(1, index);
    }

    private static int hex4(String raw, int from, int end) {
        if (from + 4 > end) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(raw.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
