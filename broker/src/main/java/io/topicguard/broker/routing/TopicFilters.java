package io.topicguard.broker.routing;

/** MQTT's topic-matching rules (MQTT 5.0 §4.7, §4.8.2), for the few places that match one pair. */
public final class TopicFilters {

    /** The prefix of a shared subscription, {@code $share/GROUP/filter} (MQTT 5.0 §4.8.2). */
    public static final String SHARE_PREFIX = "$share/";

    private TopicFilters() {
    }

    /** A shared subscription's parts. */
    public record Shared(String group, String filter) {
    }

    /**
     * Splits {@code $share/GROUP/filter}; null when {@code filter} is not a shared subscription or
     * its group is malformed (empty, or holding {@code +} or {@code #}: MQTT-4.8.2-2).
     */
    public static Shared shared(String filter) {
        if (!filter.startsWith(SHARE_PREFIX)) {
            return null;
        }
        int slash = filter.indexOf('/', SHARE_PREFIX.length());
        if (slash < 0) {
            return null;
        }
        String group = filter.substring(SHARE_PREFIX.length(), slash);
        if (group.isEmpty() || group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
            return null;
        }
        return new Shared(group, filter.substring(slash + 1));
    }

    /** Whether {@code filter} (no {@code $share/}) matches the topic name {@code topic}. */
    public static boolean matches(String filter, String topic) {
        // MQTT-4.7.2-1: a filter starting with a wildcard does not match a topic starting with '$'.
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true; // '#' also matches the parent level: "a/#" matches "a"
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
