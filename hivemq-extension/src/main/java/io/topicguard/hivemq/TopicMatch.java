package io.topicguard.hivemq;

/**
 * MQTT's filter-against-topic match, for the delivery check: HiveMQ does not say which
 * subscription a delivered message matched, so the extension finds the client's matching
 * subscriptions itself. {@code +} matches one level, {@code #} the remaining zero or more levels
 * ({@code a/#} matches {@code a}), and a filter starting with a wildcard never matches a topic
 * starting with {@code $}.
 */
final class TopicMatch {

    private TopicMatch() {
    }

    /** The levels of a topic or filter, empty levels kept ({@code "/a/"} is three levels). */
    static String[] levels(String topicOrFilter) {
        return topicOrFilter.split("/", -1);
    }

    /** Whether the filter (already split) matches the topic (already split; {@code dollar}: its first character is {@code $}). */
    static boolean matches(String[] filter, String[] topic, boolean dollar) {
        if (dollar && (filter[0].equals("+") || filter[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < filter.length; i++) {
            String level = filter[i];
            if (level.equals("#")) {
                return true;
            }
            if (i >= topic.length || !(level.equals("+") || level.equals(topic[i]))) {
                return false;
            }
        }
        return filter.length == topic.length;
    }
}
