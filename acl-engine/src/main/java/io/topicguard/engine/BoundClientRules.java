package io.topicguard.engine;

import io.topicguard.engine.trie.CompiledRule;
import io.topicguard.engine.trie.Match;
import io.topicguard.engine.trie.OverlapBounds;
import io.topicguard.engine.trie.PlaceholderValues;
import io.topicguard.engine.trie.TopicIndex;
import org.jspecify.annotations.Nullable;

/**
 * One client's carried rules placed in one policy's first-match order: evaluated after the policy
 * rules with ordinals below {@link #rulesBefore} and before the rest (docs/semantics.md, Client
 * rules). A {@link ClientBinding} holds one only when the client carries rules and the policy has
 * a {@code client rules} statement, so every other client's checks pay one null test.
 */
final class BoundClientRules {

    private final TopicIndex index;
    private final int rulesBefore;
    /** What each carried rule answers, by its ordinal, pointing at the {@code client rules} statement. */
    private final Decision[] decisions;

    BoundClientRules(ClientRules rules, ClientRulesPosition position) {
        this.index = rules.index();
        this.rulesBefore = position.rulesBefore();
        this.decisions = new Decision[rules.rules().size()];
        Source source = position.source();
        for (int i = 0; i < decisions.length; i++) {
            ClientRule rule = rules.rules().get(i);
            Verdict verdict = rule.permission() == ClientRule.Permission.ALLOW ? Verdict.ALLOW : Verdict.DENY;
            decisions[i] = new Decision(verdict, Reason.RULE, source, ClientRules.name(i, rules.source()) + ": " + rule);
        }
    }

    /** Whether the policy's first matching rule (an ordinal, {@link Match#NO_RULE} for none) comes after these rules. */
    boolean before(int policyRule) {
        return policyRule >= rulesBefore;
    }

    /** The first carried rule matching a valid, non-empty {@code topic}, or null when none does (docs/semantics.md, Publish). */
    @Nullable Decision firstMatch(String topic, String eqKey, int bit, PlaceholderValues values) {
        int rule = Match.rule(index.firstMatch(topic, eqKey, bit, values, Match.NO_RULE));
        return rule == Match.NO_RULE ? null : decisions[rule];
    }

    /**
     * docs/semantics.md, Subscribe, over the merged order "policy rules before, carried rules, policy
     * rules after", given what the policy's own rules found: its first containing rule at or after
     * the statement ({@code policyDecider}, the default when none) and its overlap bounds.
     */
    Decision subscribe(String walked, String filter, int bit, PlaceholderValues values,
                       Decision policyDecider, int policyBound, long policySeen) {
        CompiledRule containing = index.firstContaining(walked, filter, bit, values, null);
        int bound = containing == null ? Integer.MAX_VALUE : containing.ordinal();
        long seen = index.overlapping(walked, filter, bit, values, OverlapBounds.of(bound));
        boolean seenAllow = OverlapBounds.allow(seen) < bound;
        boolean seenDeny = OverlapBounds.deny(seen) < bound;
        Decision decider;
        if (containing != null) {
            // A carried rule decides: only the policy rules before the statement come earlier.
            decider = decisions[containing.ordinal()];
            seenAllow |= OverlapBounds.allow(policySeen) < rulesBefore;
            seenDeny |= OverlapBounds.deny(policySeen) < rulesBefore;
        } else {
            decider = policyDecider;
            seenAllow |= OverlapBounds.allow(policySeen) < policyBound;
            seenDeny |= OverlapBounds.deny(policySeen) < policyBound;
        }
        boolean partial = decider.allowed() ? seenDeny : seenAllow;
        return partial ? decider.partial() : decider;
    }
}
