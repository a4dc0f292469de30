package io.topicguard.engine.trie;

/** Splitting topics and filters into levels the way MQTT does (MQTT 5.0 §4.7.1.1). */
public final class TopicLevels {

    private TopicLevels() {
    }

    /**
     * The levels of {@code topic} split on {@code /}; levels may be empty ({@code "/a/"} has three),
     * unlike {@link String#split}, which drops trailing empty strings.
     */
    public static String[] split(String topic) {
        int count = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                count++;
            }
        }
        String[] levels = new String[count];
        int start = 0;
        int n = 0;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                levels[n++] = topic.substring(start, i);
                start = i + 1;
            }
        }
        levels[n] = topic.substring(start);
        return levels;
    }

    /**
     * Whether wildcards in a first level skip this topic or filter: MQTT-4.7.2-1, a filter starting
     * with a wildcard never matches a topic name starting with {@code $}.
     */
    public static boolean startsWithDollar(String[] levels) {
        return !levels[0].isEmpty() && levels[0].charAt(0) == '$';
    }
}
