package io.topicguard.engine.trie;

/**
 * The first overlapping allow rule and the first overlapping deny rule found so far, as ordinals,
 * starting at the containing rule's ordinal: docs/semantics.md, Subscribe only asks about rules
 * before it. Packed into a {@code long} (allow in the low half, deny in the high half) and passed
 * along the walk, as {@link Match} is on the publish path, so that a subscribe check allocates
 * nothing.
 */
public final class OverlapBounds {

    private OverlapBounds() {
    }

    /** @param bound the ordinal of the first containing rule, or {@link Integer#MAX_VALUE} when none contains */
    public static long of(int bound) {
        return of(bound, bound);
    }

    private static long of(int allow, int deny) {
        return ((long) deny << 32) | (allow & 0xFFFFFFFFL);
    }

    /** The ordinal of the first overlapping allow rule, or the bound when none came before it. */
    public static int allow(long bounds) {
        return (int) bounds;
    }

    /** The ordinal of the first overlapping deny rule, or the bound when none came before it. */
    public static int deny(long bounds) {
        return (int) (bounds >>> 32);
    }

    /** The later of the two: a subtree whose rules all come at or after it cannot lower either. */
    static int worst(long bounds) {
        return Math.max(allow(bounds), deny(bounds));
    }

    /** {@code bounds} lowered by {@code rule}, which the caller found to apply. */
    static long note(long bounds, CompiledRule rule) {
        return rule.allow() ? of(Math.min(allow(bounds), rule.ordinal()), deny(bounds))
                : of(allow(bounds), Math.min(deny(bounds), rule.ordinal()));
    }

    /** {@code bounds} lowered by every one of {@code rules} (may be null) that applies to {@code bit}. */
    static long note(long bounds, CompiledRule[] rules, int bit) {
        if (rules == null) {
            return bounds;
        }
        int allow = allow(bounds);
        int deny = deny(bounds);
        for (CompiledRule rule : rules) {
            if (rule.applies(bit)) {
                if (rule.allow()) {
                    allow = Math.min(allow, rule.ordinal());
                } else {
                    deny = Math.min(deny, rule.ordinal());
                }
            }
        }
        return of(allow, deny);
    }
}
