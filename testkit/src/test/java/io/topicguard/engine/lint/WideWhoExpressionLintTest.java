package io.topicguard.engine.lint;

import io.topicguard.dsl.ast.Who;
import io.topicguard.testkit.policy.PolicyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.topicguard.testkit.policy.PolicyBuilder.PUBLISH_ONLY;
import static io.topicguard.testkit.policy.PolicyBuilder.filter;
import static io.topicguard.testkit.policy.PolicyBuilder.not;
import static io.topicguard.testkit.policy.PolicyBuilder.username;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: lint compared every operand of an or/and with every other to find "X or not X",
 * so a generated rule with an or-chain of 200,000 usernames (4 MB, which check loads in seconds)
 * kept lint busy for minutes. The timeouts are generous hang guards, not speed assertions:
 * the quadratic version needed far longer than them.
 */
class WideWhoExpressionLintTest {

    private static final int OPERANDS = 100_000;

    private static List<Who> usernames() {
        List<Who> ops = new ArrayList<>(OPERANDS);
        for (int i = 0; i < OPERANDS; i++) {
            ops.add(username("u" + i));
        }
        return ops;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWideOrChainIsLintedWithoutComparingEveryPairOfOperands() {
        PolicyBuilder policy = new PolicyBuilder().allow(new Who.Or(usernames()), PUBLISH_ONLY, filter("a"));
        assertThat(PolicyLinter.lint(policy.build(), Clock.systemUTC())).isEmpty();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWideOrChainHoldingXAndNotXIsStillAlwaysTrue() {
        List<Who> ops = usernames();
        ops.add(not(username("u" + (OPERANDS - 1))));
        PolicyBuilder policy = new PolicyBuilder()
                .allow(new Who.Or(ops), PUBLISH_ONLY, filter("a"))
                .allow(username("late"), PUBLISH_ONLY, filter("a"));
        assertThat(PolicyLinter.lint(policy.build(), Clock.systemUTC()))
                .as("the second rule is shadowed by an always-true first one")
                .anySatisfy(d -> assertThat(d.position().line()).isEqualTo(2));
    }
}
