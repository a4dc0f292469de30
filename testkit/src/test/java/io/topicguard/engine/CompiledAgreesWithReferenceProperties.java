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
 * docs/semantics.md, What the tests hold: the compiled tries and the linear-scan reference give the same verdict, reason and
 * source for every question, over random policies of hundreds of rules and random clients, topics
 * and filters. Each client carries a random set of client rules, which half of the policies place
 * somewhere with a {@code client rules} statement (docs/semantics.md, Client rules). Each try checks a few hundred questions; the number of tries is
 * {@code -Dtopicguard.tries=N} (default in acl-engine/pom.xml).
 */
class CompiledAgreesWithReferenceProperties {

    private static final Clock CLOCK = Clock.fixed(RandomPolicies.NOW, ZoneOffset.UTC);

    @Property(shrinking = ShrinkingMode.OFF)
    void everyQuestionGetsTheReferenceAnswer(@ForAll long seed) throws PolicyLoadException {
        Random r = new Random(seed);
        PolicyAst ast = RandomPolicies.policy(r, 20 + r.nextInt(300));
        Policy policy = Policy.compile(ast, CLOCK);
        ReferenceEvaluator reference = new ReferenceEvaluator(ast, CLOCK);
        for (int c = 0; c < 6; c++) {
            ClientInfo client = RandomPolicies.client(r);
            ClientRules carried = carried(r);
            ClientBinding binding = policy.bind(client, carried);
            String who = "seed " + seed + ", " + client + " carrying " + carried.rules();
            assertThat(binding.connect()).as("connect of %s", who).isEqualTo(reference.connect(client));
            for (int i = 0; i < 30; i++) {
                String topic = RandomPolicies.topicName(r);
                int qos = qos(r);
                boolean retain = r.nextBoolean();
                assertThat(binding.publish(topic, qos, retain))
                        .as("publish %s qos %d retain %s by %s", topic, qos, retain, who)
                        .isEqualTo(reference.publish(client, carried, topic, qos, retain));
            }
            for (int i = 0; i < 15; i++) {
                String filter = RandomPolicies.filter(r);
                int qos = qos(r);
                assertThat(binding.subscribe(filter, qos))
                        .as("subscribe %s qos %d by %s", filter, qos, who)
                        .isEqualTo(reference.subscribe(client, carried, filter, qos));
                String topic = deliverable(r, filter);
                assertThat(binding.deliver(topic, Subscription.of(filter, qos)))
                        .as("deliver %s through %s qos %d to %s", topic, filter, qos, who)
                        .isEqualTo(reference.deliver(client, carried, filter, qos, topic));
            }
        }
    }

    /** A random carried set from a random authenticator (every generated rule is valid). */
    static ClientRules carried(Random r) {
        try {
            return ClientRules.of(r.nextBoolean() ? "jwt" : "http", RandomPolicies.clientRules(r));
        } catch (ClientRulesException e) {
            throw new AssertionError("the generator made a rule the engine refuses", e);
        }
    }

    static int qos(Random r) {
        return r.nextInt(20) == 0 ? 3 : r.nextInt(3);
    }

    /** Mostly a topic the filter matches, as the broker would ask; sometimes any topic. */
    static String deliverable(Random r, String filter) {
        String inner = filter.startsWith("$share/") ? filter.substring(filter.indexOf('/', 7) + 1) : filter;
        if (r.nextInt(5) == 0 || TopicSyntax.filterProblem(inner) != null) {
            return RandomPolicies.topicName(r);
        }
        return RandomPolicies.topicMatching(r, inner);
    }
}
