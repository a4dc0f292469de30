package io.topicguard.engine;

import io.topicguard.dsl.TopicSyntax;
import org.jspecify.annotations.Nullable;

/**
 * Validity of subscription filters and the {@code $share/GROUP/F} form (MQTT 5.0 §4.8.2),
 * which docs/semantics.md, Subscribe checks as F.
 */
final class SharedSubscription {

    private static final String PREFIX = "$share/";

    private SharedSubscription() {
    }

    /**
     * The filter to check: {@code filter} itself, or F for {@code $share/GROUP/F}; null when the
     * filter, the group or F is not valid (GROUP must be non-empty without {@code /}, {@code +},
     * {@code #}; F a valid filter).
     */
    static @Nullable String effectiveFilter(@Nullable String filter) {
        if (filter == null || TopicSyntax.filterProblem(filter) != null) {
            return null;
        }
        if (!filter.startsWith(PREFIX)) {
            return filter;
        }
        int groupEnd = filter.indexOf('/', PREFIX.length());
        if (groupEnd < 0) {
            return null; // "$share/GROUP" without a filter
        }
        String group = filter.substring(PREFIX.length(), groupEnd);
        // MQTT-4.8.2-1 / 4.8.2-2: a non-empty ShareName without '/', '+' or '#'.
        if (group.isEmpty() || group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
            return null;
        }
        String inner = filter.substring(groupEnd + 1);
        return TopicSyntax.filterProblem(inner) == null ? inner : null;
    }
}
