package io.topicguard.dsl;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;

/**
 * MQTT's rules for topic names and topic filters (MQTT 3.1.1 §4.7, MQTT 5.0 §4.7), shared by the
 * parser (rule topics) and the engine (topics and filters sent by clients).
 *
 * <p>Each check returns a problem in words, or null when the string is valid, so callers can turn
 * it into a located diagnostic or a {@code deny (invalid)} decision without exceptions.
 */
public final class TopicSyntax {

    /** MQTT strings are length-prefixed with two bytes (MQTT-1.5.3). */
    public static final int MAX_UTF8_BYTES = 65_535;

    private TopicSyntax() {
    }

    /**
     * Whether {@code name} is a valid topic name for PUBLISH: exactly when {@link #nameProblem}
     * is null, in one pass over the characters and without building a message. This is the check
     * every PUBLISH and delivery pays, so it is kept apart from the wording.
     */
    public static boolean validName(String name) {
        return validNameFrom(name, 0);
    }

    /**
     * {@link #validName} for a name whose levels before {@code from} are already known to be
     * valid: checks the levels from {@code from} (the start of a level, i.e. 0 or just after a
     * {@code /}; past the end checks none) and the limits on the whole name (not empty, at most
     * {@link #MAX_UTF8_BYTES}). The engine's topic walk checks the levels it reads with
     * {@link #levelEnd} and leaves the rest to this.
     */
    public static boolean validNameFrom(String name, int from) {
        if (name == null) {
            return false;
        }
        int length = name.length();
        if (length == 0) {
            return false;
        }
        for (int i = from; i < length; i++) {
            char c = name.charAt(i);
            // One comparison lets the common printable characters through: NUL, '#' (0x23) and
            // '+' (0x2B) sit below ',' and surrogates at 0xD800..0xDFFF. Same rules as levelEnd,
            // written as one loop: the walk over levels is measurably slower for a whole name.
            if (c < ',' && (c == '\0' || c == '#' || c == '+')) {
                return false;
            }
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(name.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return length * 3L <= MAX_UTF8_BYTES || name.getBytes(StandardCharsets.UTF_8).length <= MAX_UTF8_BYTES;
    }

    /**
     * The end of the topic-name level starting at {@code start} (the index of the next {@code /},
     * or the name's length), or -1 when the level holds a character no topic name may: NUL, a
     * wildcard, or half of a UTF-16 surrogate pair.
     */
    public static int levelEnd(String name, int start) {
        int length = name.length();
        for (int i = start; i < length; i++) {
            char c = name.charAt(i);
            if (c < ',') {
                if (c == '\0' || c == '#' || c == '+') {
                    return -1;
                }
            } else if (c == '/') {
                return i;
            } else if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(name.charAt(i + 1))) {
                    i++;
                } else {
                    return -1;
                }
            }
        }
        return length;
    }

    /** Why {@code name} is not a valid topic name for PUBLISH, or null when it is. */
    public static @Nullable String nameProblem(String name) {
        String common = commonProblem(name);
        if (common != null) {
            return common;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || c == '#') {
                // MQTT-3.3.2-2: the topic name in a PUBLISH must not contain wildcards.
                return "a topic name must not contain the wildcard '" + c + "'";
            }
        }
        return null;
    }

    /** Why {@code filter} is not a valid topic filter for SUBSCRIBE, or null when it is. */
    public static @Nullable String filterProblem(String filter) {
        String common = commonProblem(filter);
        if (common != null) {
            return common;
        }
        int levelStart = 0;
        for (int i = 0; i <= filter.length(); i++) {
            if (i == filter.length() || filter.charAt(i) == '/') {
                String problem = levelProblem(filter, levelStart, i);
                if (problem != null) {
                    return problem;
                }
                levelStart = i + 1;
            }
        }
        return null;
    }

    private static String levelProblem(String filter, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = filter.charAt(i);
            if (c == '+' && end - start != 1) {
                // MQTT-4.7.1-2 (3.1.1) / MQTT-4.7.1-3 (5.0)
                return "'+' must occupy a whole level, e.g. \"a/+/b\"";
            }
            if (c == '#') {
                if (end - start != 1) {
                    return "'#' must occupy a whole level, e.g. \"a/#\"";
                }
                if (end != filter.length()) {
                    // MQTT-4.7.1-2 (5.0): the multi-level wildcard must be the last character.
                    return "'#' must be the last level of a filter";
                }
            }
        }
        return null;
    }

    private static String commonProblem(String s) {
        if (s == null || s.isEmpty()) {
            return "a topic must not be empty"; // MQTT-4.7.3-1
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return "a topic must not contain the NUL character"; // MQTT-4.7.3-2
            }
            if (Character.isSurrogate(c)) {
                // MQTT-1.5.4-1: no encodings of U+D800..U+DFFF. A Java string from an API caller
                // (the wire decoder never makes one) may hold half of a pair, which no UTF-8 can carry.
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return "a topic must not contain half of a UTF-16 surrogate pair (at index " + i + ")";
                }
            }
        }
        // Cheap bound first: a UTF-16 char is at most 3 UTF-8 bytes.
        if (s.length() * 3L > MAX_UTF8_BYTES && s.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            return "a topic must not be longer than " + MAX_UTF8_BYTES + " UTF-8 bytes";
        }
        return null;
    }
}
