package io.topicguard.testkit.reference;

import java.util.Arrays;
import java.util.List;

/**
 * MQTT topic matching, containment and overlap written as plain recursion over level lists,
 * straight from docs/semantics.md, Publish and Subscribe and shared with nothing in the compiled path. Slow and
 * obviously correct is the point.
 */
public final class ReferenceTopics {

    private ReferenceTopics() {
    }

    static List<String> levels(String s) {
        return Arrays.asList(s.split("/", -1));
    }

    static boolean isWildcard(String level) {
        return level.equals("+") || level.equals("#");
    }

    /** A first level that only {@code $}-topics have: wildcards of the other side must not reach it. */
    static boolean dollarLiteral(String level) {
        return !isWildcard(level) && level.startsWith("$");
    }

    /** Whether the filter {@code filter} matches the topic name {@code topic}. */
    public static boolean matches(String filter, String topic) {
        List<String> f = levels(filter);
        List<String> t = levels(topic);
        if (isWildcard(f.get(0)) && t.get(0).startsWith("$")) {
            return false; // MQTT-4.7.2-1
        }
        return matchFrom(f, t);
    }

    private static boolean matchFrom(List<String> f, List<String> t) {
        if (f.isEmpty()) {
            return t.isEmpty();
        }
        if (f.get(0).equals("#")) {
            return true;
        }
        if (t.isEmpty()) {
            return false;
        }
        if (f.get(0).equals("+") || f.get(0).equals(t.get(0))) {
            return matchFrom(f.subList(1, f.size()), t.subList(1, t.size()));
        }
        return false;
    }

    /**
     * Whether every topic name matched by {@code sub} is matched by {@code rule}.
     *
     * <p>The engine states containment too ({@code io.topicguard.engine.trie.Containment}); this
     * copy is deliberately separate: it is the oracle the engine is tested against, and a shared
     * implementation would make those properties compare the code with itself.
     */
    public static boolean contains(String rule, String sub) {
        List<String> f = levels(rule);
        // Every topic has a first level, so "#" is the same set as "+/#"; the recursion below
        // would otherwise miss that "+/#" contains "#".
        List<String> s = sub.equals("#") ? List.of("+", "#") : levels(sub);
        if (isWildcard(f.get(0)) && dollarLiteral(s.get(0))) {
            return false;
        }
        return containsFrom(f, s);
    }

    private static boolean containsFrom(List<String> f, List<String> s) {
        if (f.isEmpty()) {
            return s.isEmpty();
        }
        if (f.get(0).equals("#")) {
            return true;
        }
        if (s.isEmpty() || s.get(0).equals("#")) {
            return false;
        }
        boolean levelContained = s.get(0).equals("+") ? f.get(0).equals("+") : (f.get(0).equals("+") || f.get(0).equals(s.get(0)));
        return levelContained && containsFrom(f.subList(1, f.size()), s.subList(1, s.size()));
    }

    /** Whether some topic name is matched by both filters. */
    public static boolean overlaps(String a, String b) {
        List<String> f = levels(a);
        List<String> s = levels(b);
        if ((isWildcard(f.get(0)) && dollarLiteral(s.get(0))) || (isWildcard(s.get(0)) && dollarLiteral(f.get(0)))) {
            return false;
        }
        return overlapFrom(f, s);
    }

    private static boolean overlapFrom(List<String> f, List<String> s) {
        if (f.isEmpty() && s.isEmpty()) {
            return true;
        }
        if ((!f.isEmpty() && f.get(0).equals("#")) || (!s.isEmpty() && s.get(0).equals("#"))) {
            return true;
        }
        if (f.isEmpty() || s.isEmpty()) {
            return false;
        }
        boolean levelOverlaps = f.get(0).equals("+") || s.get(0).equals("+") || f.get(0).equals(s.get(0));
        return levelOverlaps && overlapFrom(f.subList(1, f.size()), s.subList(1, s.size()));
    }
}
