package io.topicguard.engine.trie;

/**
 * The first overlapping allow rule and the first overlapping deny rule found so far, as ordinals,
 * starting at the containing rule's ordinal: docs/semantics.md, Subscribe only asks about rules before it.
 * One per subscribe check; not thread-safe.
 */
public final class OverlapBounds {

    private int allow;
    private int deny;

    /** @param bound the ordinal of the first containing rule, or {@link Integer#MAX_VALUE} when none contains */
    public OverlapBounds(int bound) {
        this.allow = bound;
        this.deny = bound;
    }

    /** The ordinal of the first overlapping allow rule, or the bound when none came before it. */
    public int allow() {
        return allow;
    }

    /** The ordinal of the first overlapping deny rule, or the bound when none came before it. */
    public int deny() {
        return deny;
    }

    int worst() {
        return Math.max(allow, deny);
    }

    void note(CompiledRule[] rules, int bit) {
        if (rules == null) {
            return;
        }
        for (CompiledRule rule : rules) {
            if (rule.applies(bit)) {
                if (rule.allow()) {
                    allow = Math.min(allow, rule.ordinal());
                } else {
                    deny = Math.min(deny, rule.ordinal());
                }
            }
        }
    }
}
