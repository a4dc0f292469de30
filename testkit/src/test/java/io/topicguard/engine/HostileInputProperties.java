package io.topicguard.engine;

import io.topicguard.dsl.TopicSyntax;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.testkit.reference.ReferenceEvaluator;
import io.topicguard.testkit.policy.RandomPolicies;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/semantics.md, What the tests hold: nothing a client sends crashes a check. Arbitrary strings over the characters that
 * matter to MQTT (separators, wildcards, '$', NUL, non-ASCII) and any int QoS get an answer, which
 * is {@code invalid} exactly when the topic, filter or QoS is, and otherwise the reference's.
 */
class HostileInputProperties {

    private static final Clock CLOCK = Clock.fixed(RandomPolicies.NOW, ZoneOffset.UTC);
    private static final PolicyAst AST = RandomPolicies.policy(new Random(42), 300);
    private static final Policy POLICY = compiled();
    private static final ReferenceEvaluator REFERENCE = new ReferenceEvaluator(AST, CLOCK);

    private static Policy compiled() {
        try {
            return Policy.compile(AST, CLOCK);
        } catch (PolicyLoadException e) {
            throw new IllegalStateException("a random policy is within the compiled form's limits", e);
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.strings()
                .withChars('/', '+', '#', '$', '\0', 'a', 'u', '1', 'é', '\uD83D', '\uDE00', ' ')
                .withChars("$share/")
                .ofMaxLength(24);
    }

    @Provide
    Arbitrary<Integer> anyQos() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-1, 3), Arbitraries.integers());
    }

    @Property(tries = 2000)
    void everyInputGetsAnAnswerAndInvalidOnlyForInvalidInput(@ForAll("hostile") String topic, @ForAll("hostile") String filter,
                                                            @ForAll("anyQos") int qos, @ForAll boolean retain) {
        ClientInfo client = ClientInfo.builder("c1").username("u1").build();
        ClientBinding b = POLICY.bind(client);
        boolean qosValid = qos >= 0 && qos <= 2;

        Decision publish = b.publish(topic, qos, retain);
        assertThat(publish.reason() == Reason.INVALID).isEqualTo(!qosValid || TopicSyntax.nameProblem(topic) != null);
        assertThat(publish).isEqualTo(REFERENCE.publish(client, topic, qos, retain));

        Decision subscribe = b.subscribe(filter, qos);
        assertThat(subscribe).isEqualTo(REFERENCE.subscribe(client, filter, qos));
        if (qosValid && TopicSyntax.filterProblem(filter) != null) {
            assertThat(subscribe.reason()).isEqualTo(Reason.INVALID);
        }
        assertThat(b.deliver(topic, Subscription.of(filter, qos))).isEqualTo(REFERENCE.deliver(client, filter, qos, topic));
    }
}
