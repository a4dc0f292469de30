package io.topicguard.auth.rules;

import io.topicguard.auth.internal.Suggestions;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The checks a carried rule's topic must pass: a valid MQTT filter (MQTT-4.7.1: {@code +} and
 * {@code #} stand alone in their level, {@code #} only last), not a {@code $share/} form (shared
 * subscriptions are checked as the filter after the group), and only the placeholders a policy
 * knows. Exact topics ({@code eq t/1}) are compared verbatim, so only their validity counts.
 */
final class CarriedTopics {

    static final List<String> PLACEHOLDERS = List.of("username", "clientid", "cn");
    private static final int MAX_BYTES = 65_535;

    private CarriedTopics() {
    }

    /** What is wrong with {@code topic}, or null when nothing is. */
    static @Nullable String problem(String topic, boolean exact) {
        if (topic.isEmpty()) {
            return "a topic must not be empty";
        }
        if (topic.indexOf('\0') >= 0) {
            return "a topic must not contain the NUL character";
        }
        if (topic.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "a topic is at most 65535 bytes long";
        }
        if (topic.startsWith("$share/")) {
            return "a rule must not name '$share/': shared subscriptions are checked as the filter after '$share/GROUP/'";
        }
        String[] levels = topic.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return "'#' stands alone as the last level, as in \"a/#\"";
            }
            if (level.contains("+") && !level.equals("+")) {
                return "'+' stands alone in its level, as in \"a/+/b\"";
            }
        }
        return exact ? null : placeholderProblem(topic);
    }

    private static @Nullable String placeholderProblem(String topic) {
        int from = 0;
        while (true) {
            int start = topic.indexOf("${", from);
            if (start < 0) {
                return null;
            }
            int end = topic.indexOf('}', start);
            if (end < 0) {
                return "'${' is never closed with '}'";
            }
            String name = topic.substring(start + 2, end);
            if (!PLACEHOLDERS.contains(name)) {
                String suggestion = Suggestions.closest(name, PLACEHOLDERS);
                return "unknown placeholder '${" + name + "}'"
                        + (suggestion != null ? " (did you mean ${" + suggestion + "}?)" : "; the placeholders are ${username}, ${clientid} and ${cn}");
            }
            from = end + 1;
        }
    }
}
