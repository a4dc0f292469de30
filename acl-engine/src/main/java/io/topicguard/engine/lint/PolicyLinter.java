package io.topicguard.engine.lint;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ast.PolicyAst;

import java.time.Clock;
import java.util.List;

/**
 * The warnings of {@code topicguard lint} (DESIGN.md §2.1): shadowed rules, {@code +}/{@code #}
 * rules that cannot match {@code $}-topics, {@code default allow}, {@code anonymous allow},
 * expired bans, who-expressions that can never be true. Warnings never reject a policy.
 */
public final class PolicyLinter {

    private PolicyLinter() {
    }

    /** Every warning for {@code policy}, in source order; bans are judged expired against {@code clock}. */
    public static List<Diagnostic> lint(PolicyAst policy, Clock clock) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
