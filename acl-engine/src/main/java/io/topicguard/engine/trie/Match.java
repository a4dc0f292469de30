package io.topicguard.engine.trie;

/**
 * What a publish or delivery walk ({@link TopicIndex#firstMatch}) answers, packed into a
 * {@code long} so that a check allocates nothing: the ordinal of the first matching rule
 * ({@link #NO_RULE} when none) and how far the walk checked the topic's characters.
 *
 * <p>The walk reads the topic anyway, so it checks what it reads ({@code TopicSyntax.levelEnd},
 * or equality with a rule's literal level, which is valid by construction): {@link #checkedTo}
 * is the start of the first level no walk read ({@code length + 1} when one read them all). The
 * caller checks only the rest, instead of a whole extra pass over every topic.
 */
public final class Match {

    /** The ordinal of "no rule matched": above every real one, so "earlier" is {@code Math.min}. */
    public static final int NO_RULE = Integer.MAX_VALUE;

    /** Nothing matched and nothing was checked. */
    public static final long NONE = of(NO_RULE, 0);

    private Match() {
    }

    static long of(int rule, int checkedTo) {
        return ((long) checkedTo << 32) | rule;
    }

    /** The ordinal of the first matching rule, or {@link #NO_RULE}. */
    public static int rule(long match) {
        return (int) match;
    }

    /** The start of the first level of the topic that was not checked; past its end when all were. */
    public static int checkedTo(long match) {
        return (int) (match >>> 32);
    }

    /** The earlier rule of the two, and the further checked position. */
    public static long join(long a, long b) {
        return of(Math.min(rule(a), rule(b)), Math.max(checkedTo(a), checkedTo(b)));
    }
}
