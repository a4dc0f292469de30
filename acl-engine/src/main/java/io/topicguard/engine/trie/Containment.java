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
     * Whether a wildcard ({@code +} or {@code #}) of the rule at {@code depth} may contain the
     * subscription's level there: not at the first level when the subscription's first level
     * starts with {@code $}, since such a subscription matches only {@code $}-topics, which a
     * first-level wildcard never matches (MQTT-4.7.2-1).
     */
    static boolean wildcardsContain(int depth, boolean subscriptionStartsWithDollar) {
        return depth > 0 || !subscriptionStartsWithDollar;
    }

    /** Whether a rule level {@code +} contains the subscription level: anything but {@code #}. */
    static boolean plusContains(String subscriptionLevel) {
        return !subscriptionLevel.equals("#");
    }

    /**
     * Whether a literal rule level contains the subscription level: only the same literal, since a
     * subscription's {@code +} or {@code #} reaches other levels too.
     */
    static boolean literalContains(String ruleLevel, String subscriptionLevel) {
        return !isWildcard(subscriptionLevel) && ruleLevel.equals(subscriptionLevel);
    }

    static boolean isWildcard(String level) {
        return level.equals("+") || level.equals("#");
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
                return wildcardsContain(depth, dollar);
            }
            if (depth == s.length) {
                return false;
            }
            boolean contained = ruleLevel.equals("+")
                    ? wildcardsContain(depth, dollar) && plusContains(s[depth])
                    : literalContains(ruleLevel, s[depth]);
            if (!contained) {
                return false;
            }
        }
        return r.length == s.length;
    }
}
