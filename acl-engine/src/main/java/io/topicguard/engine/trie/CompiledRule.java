package io.topicguard.engine.trie;

import io.topicguard.engine.Decision;

/**
 * One rule as the tries see it: its place in file order, the (action, QoS, retain) combinations it
 * applies to as a bit mask, and its precomputed decision, so that a check allocates nothing.
 */
public final class CompiledRule {

    private final int ordinal;
    private final boolean allow;
    private final int mask;
    private final Decision decision;
    /**
     * {@link Decision#partial()} of {@link #decision}, made when first needed (most rules never
     * decide a partial subscription) so that a subscribe check allocates nothing. Racy on purpose:
     * a Decision is immutable, so a thread that sees null only makes an equal one.
     */
    private Decision partialDecision;

    /**
     * @param ordinal  position among the policy's rules in file order (includes expanded); lower decides first
     * @param mask     bits from {@link OptionBits#publish} and {@link OptionBits#subscribe}
     * @param decision what the rule answers when it decides a publish or delivery
     */
    public CompiledRule(int ordinal, boolean allow, int mask, Decision decision) {
        this.ordinal = ordinal;
        this.allow = allow;
        this.mask = mask;
        this.decision = decision;
    }

    public int ordinal() {
        return ordinal;
    }

    public boolean allow() {
        return allow;
    }

    public Decision decision() {
        return decision;
    }

    /** What the rule answers when it contains a subscription some earlier rule of the other effect overlaps. */
    public Decision partialDecision() {
        Decision partial = partialDecision;
        if (partial == null) {
            partial = decision.partial();
            partialDecision = partial;
        }
        return partial;
    }

    boolean applies(int bit) {
        return (mask & (1 << bit)) != 0;
    }

    int mask() {
        return mask;
    }

    /** The one of {@code a}, {@code b} that comes first in file order; null when both are. */
    static CompiledRule earlier(CompiledRule a, CompiledRule b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal <= b.ordinal ? a : b;
    }

    @Override
    public String toString() {
        return "#" + ordinal + " " + decision;
    }
}
