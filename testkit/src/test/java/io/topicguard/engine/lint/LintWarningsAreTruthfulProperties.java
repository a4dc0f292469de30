package io.topicguard.engine.lint;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.TopicSyntax;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;
import io.topicguard.engine.Source;
import io.topicguard.engine.Subscription;
import io.topicguard.testkit.policy.RandomPolicies;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The linter only claims what is true: a rule it calls shadowed, or whose who-expression it calls
 * impossible, is never the source of any decision over random clients and questions.
 */
class LintWarningsAreTruthfulProperties {

    private static final Clock CLOCK = Clock.fixed(RandomPolicies.NOW, ZoneOffset.UTC);

    @Property(shrinking = ShrinkingMode.OFF)
    void rulesReportedAsNeverDecidingNeverDecide(@ForAll long seed) throws PolicyLoadException {
        Random r = new Random(seed);
        PolicyAst ast = RandomPolicies.policy(r, 20 + r.nextInt(150));
        Set<Source> dead = new HashSet<>();
        for (Diagnostic warning : PolicyLinter.lint(ast, CLOCK)) {
            if (warning.message().startsWith("this rule never decides") || warning.message().startsWith("this who-expression can never")) {
                dead.add(new Source(warning.position().file(), warning.position().line(), warning.position().column()));
            }
        }
        Statistics.collect(dead.isEmpty() ? "no rule reported dead" : "some rule reported dead");
        if (dead.isEmpty()) {
            return;
        }
        Policy policy = Policy.compile(ast, CLOCK);
        for (int c = 0; c < 6; c++) {
            ClientInfo client = RandomPolicies.client(r);
            ClientBinding b = policy.bind(client);
            for (int i = 0; i < 25; i++) {
                String topic = RandomPolicies.topicName(r);
                String filter = RandomPolicies.filter(r);
                int qos = r.nextInt(3);
                check(dead, b.publish(topic, qos, r.nextBoolean()), seed);
                check(dead, b.subscribe(filter, qos), seed);
                // Deliveries as the broker asks them: topics the subscription matches.
                String inner = filter.startsWith("$share/") ? filter.substring(filter.indexOf('/', 7) + 1) : filter;
                if (TopicSyntax.filterProblem(inner) == null) {
                    check(dead, b.deliver(RandomPolicies.topicMatching(r, inner), Subscription.of(filter, qos)), seed);
                }
            }
            check(dead, b.connect(), seed);
        }
    }

    private static void check(Set<Source> dead, Decision decision, long seed) {
        assertThat(decision.source()).as("seed %d: %s decided by a rule lint called dead", seed, decision).isNotIn(dead);
    }
}
