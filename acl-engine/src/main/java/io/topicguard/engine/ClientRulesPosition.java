package io.topicguard.engine;

import io.topicguard.dsl.ast.ClientRulesStatement;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Where a policy's {@code client rules} statement sits in first-match order: after the first
 * {@code rulesBefore} rules (ordinals below it decide first) and before the others
 * (docs/semantics.md, Client rules).
 *
 * @param source where the statement is written, the source of every carried rule's decision
 */
record ClientRulesPosition(int rulesBefore, Source source) {

    /** The statement's position in {@code ast}, or null when the policy has none (carried rules are then ignored). */
    static @Nullable ClientRulesPosition of(PolicyAst ast) {
        int rules = 0;
        for (Statement statement : ast.statements()) {
            if (statement instanceof RuleStatement) {
                rules++;
            } else if (statement instanceof ClientRulesStatement clientRules) {
                var p = clientRules.position();
                return new ClientRulesPosition(rules, new Source(p.file(), p.line(), p.column()));
            }
        }
        return null;
    }
}
