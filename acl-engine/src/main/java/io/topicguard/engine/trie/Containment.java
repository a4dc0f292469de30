package io.topicguard.engine.trie;

/**
 * Filter containment (docs/semantics.md, Subscribe), stated once for the engine: a rule filter contains a
 * subscription filter when every topic name the subscription matches, the rule matches. The trie
 * ({@link TopicIndex}, many rule filters against one subscription) and the linter (one rule filter
 * against another) both decide it level by level with the rules below.
 *
 * <p>The reference evaluator in testkit has its own copy on purpose: it is what the engine is
 * tested against, so it must not share this code.
 */
public final class Containment {

    private Containment() {
    }

    /**
     * Whether a wildcard ({@code +} or {@code #}) of the rule (at the first level or a later one) may contain the
     * subscription's level there: not at the first level when the subscription's first level
     * starts with {@code $}, since such a subscription matches only {@code $}-topics, which a
     * first-level wildcard never matches (MQTT-4.7.2-1).
     */
    static boolean wildcardsContain(boolean firstLevel, boolean subscriptionStartsWithDollar) {
        return !firstLevel || !subscriptionStartsWithDollar;
    }

    /** Whether a rule level {@code +} contains the subscription level: anything but {@code #}. */
    static boolean plusContains(String subscriptionLevel) {
        return plusContains(subscriptionLevel, 0, subscriptionLevel.length());
    }

    /** {@link #plusContains(String)} of the level {@code filter[start, end)}, read in place. */
    static boolean plusContains(String filter, int start, int end) {
        return end - start != 1 || filter.charAt(start) != '#';
    }

    /**
     * Whether a literal rule level contains the subscription level: only the same literal, since a
     * subscription's {@code +} or {@code #} reaches other levels too.
     */
    static boolean literalContains(String ruleLevel, String subscriptionLevel) {
        return !isWildcard(subscriptionLevel) && ruleLevel.equals(subscriptionLevel);
    }

    static boolean isWildcard(String level) {
        return isWildcard(level, 0, level.length());
    }

    /** Whether the level {@code filter[start, end)} is {@code +} or {@code #}, read in place. */
    static boolean isWildcard(String filter, int start, int end) {
        if (end - start != 1) {
            return false;
        }
        char c = filter.charAt(start);
        return c == '+' || c == '#';
    }

    /**
     * The levels containment walks for a subscription filter. {@code #} becomes {@code +/#}: every
     * topic has a first level, so they match the same topics, and only then does a rule's
     * {@code +/#} contain a subscription's {@code #}.
     */
    private static String[] subscriptionLevels(String filter) {
        return filter.equals("#") ? new String[] {"+", "#"} : TopicLevels.split(filter);
    }

    /**
     * Whether {@code rule} contains {@code subscription}, both filters whose placeholder levels
     * ({@code ${username}}, {@code dev-${clientid}}) are compared as they are written: with no
     * client at hand, a placeholder level is contained only by {@code +}, {@code #} or the identical
     * placeholder level, and a first-level placeholder counts as possibly starting with {@code $}
     * (a username may).
     */
    public static boolean contains(String rule, String subscription) {
        String[] r = TopicLevels.split(rule);
        String[] s = subscriptionLevels(subscription);
        boolean dollar = TopicLevels.startsWithDollar(s); // "${...}" starts with '$' too
        for (int depth = 0; depth < r.length; depth++) {
            String ruleLevel = r[depth];
            if (ruleLevel.equals("#")) {
                return wildcardsContain(depth == 0, dollar);
            }
            if (depth == s.length) {
                return false;
            }
            boolean contained = ruleLevel.equals("+")
                    ? wildcardsContain(depth == 0, dollar) && plusContains(s[depth])
                    : literalContains(ruleLevel, s[depth]);
            if (!contained) {
                return false;
            }
        }
        return r.length == s.length;
    }
}
