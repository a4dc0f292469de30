package io.topicguard.engine;

import io.topicguard.dsl.TopicSyntax;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.testkit.reference.ReferenceEvaluator;
import io.topicguard.testkit.policy.RandomPolicies;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/semantics.md, Subscribe, soundness: a subscription classified ALLOW (DENY) must have every delivery
 * through it allowed (denied). Topics are sampled from those the filter matches, wildcards filled
 * from the policy alphabet, for the compiled policy and the reference alike, with random client
 * rules carried by each client wherever the policy's {@code client rules} statement puts them.
 */
class SubscriptionSoundnessProperties {

    private static final Clock CLOCK = Clock.fixed(RandomPolicies.NOW, ZoneOffset.UTC);

    @Property(shrinking = ShrinkingMode.OFF)
    void allowAndDenyAgreeWithEverySampledDelivery(@ForAll long seed) throws PolicyLoadException {
        Random r = new Random(seed);
        PolicyAst ast = RandomPolicies.policy(r, 20 + r.nextInt(200));
        Policy policy = Policy.compile(ast, CLOCK);
        ReferenceEvaluator reference = new ReferenceEvaluator(ast, CLOCK);
        for (int c = 0; c < 4; c++) {
            ClientInfo client = RandomPolicies.client(r);
            ClientRules carried = CompiledAgreesWithReferenceProperties.carried(r);
            ClientBinding binding = policy.bind(client, carried);
            for (int i = 0; i < 10; i++) {
                String filter = RandomPolicies.filter(r);
                String inner = filter.startsWith("$share/") ? filter.substring(filter.indexOf('/', 7) + 1) : filter;
                if (TopicSyntax.filterProblem(inner) != null) {
                    continue;
                }
                int qos = r.nextInt(3);
                Decision compiled = binding.subscribe(filter, qos);
                Decision oracle = reference.subscribe(client, carried, filter, qos);
                for (int k = 0; k < 10; k++) {
                    String topic = RandomPolicies.topicMatching(r, inner);
                    if (compiled.verdict() != Verdict.PARTIAL) {
                        assertThat(binding.deliver(topic, Subscription.of(filter, qos)).verdict())
                                .as("seed %d: %s carrying %s subscribed %s (%s) but delivery of %s", seed, client, carried.rules(),
                                        filter, compiled, topic)
                                .isEqualTo(compiled.verdict());
                    }
                    if (oracle.verdict() != Verdict.PARTIAL) {
                        assertThat(reference.deliver(client, carried, filter, qos, topic).verdict())
                                .as("reference, seed %d: %s subscribed %s (%s) but delivery of %s", seed, client, filter, oracle, topic)
                                .isEqualTo(oracle.verdict());
                    }
                }
            }
        }
    }
}
