package io.topicguard.engine.acltest;

import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules decided at least one expectation. A rule counts when it <em>decided</em> an answer,
 * not when it merely matched: a rule shadowed by an earlier one for every tested question is
 * never covered, which is what coverage is for.
 *
 * @param rules every rule of the policy in file order, with how many expectations it decided
 */
public record RuleCoverage(List<RuleUse> rules) {

    public RuleCoverage {
        rules = List.copyOf(rules);
    }

    /** A rule (its decision: verdict, source, statement) and the number of expectations it decided. */
    public record RuleUse(Decision rule, int decided) {
    }

    static RuleCoverage of(List<Decision> policyRules, List<TestOutcome> outcomes) {
        Map<Source, Integer> counts = new LinkedHashMap<>();
        for (Decision rule : policyRules) {
            counts.put(rule.source(), 0);
        }
        for (TestOutcome outcome : outcomes) {
            Decision decision = outcome.decision();
            if (decision.reason() == Reason.RULE && decision.source() != null) {
                counts.computeIfPresent(decision.source(), (source, n) -> n + 1);
            }
        }
        List<RuleUse> uses = new ArrayList<>();
        for (Decision rule : policyRules) {
            uses.add(new RuleUse(rule, counts.get(rule.source())));
        }
        return new RuleCoverage(uses);
    }

    /** The number of rules that decided at least one expectation. */
    public int covered() {
        return (int) rules.stream().filter(use -> use.decided() > 0).count();
    }

    /** The covered share in percent; 100 for a policy without rules (nothing left untested). */
    public double percent() {
        return rules.isEmpty() ? 100.0 : 100.0 * covered() / rules.size();
    }
}
