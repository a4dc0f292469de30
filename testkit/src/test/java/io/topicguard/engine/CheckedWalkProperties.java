package io.topicguard.engine;

import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.testkit.reference.ReferenceEvaluator;
import io.topicguard.testkit.policy.RandomPolicies;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publish and delivery walks check the topic characters they read instead of a separate pass
 * over the topic (engine.trie.Match), so the answer for a topic that is invalid in one character
 * depends on the walk having looked, or the rest having been checked. Random topics rarely get far
 * into a trie; these are made to match a rule of the policy, then spoiled in one place: one bad
 * character (NUL, a wildcard, half a surrogate pair) put anywhere must still be deny (invalid),
 * and the unspoiled topic must get the reference's answer.
 */
class CheckedWalkProperties {

    private static final Clock CLOCK = Clock.fixed(RandomPolicies.NOW, ZoneOffset.UTC);
    private static final char[] BAD = {'\0', '+', '#', '\uD800', '\uDC00'};

    @Property(shrinking = ShrinkingMode.OFF)
    void aTopicSpoiledInOneCharacterIsInvalidWhereverThatIs(@ForAll long seed) throws PolicyLoadException {
        Random r = new Random(seed);
        PolicyAst ast = RandomPolicies.policy(r, 5 + r.nextInt(120));
        List<String> filters = ast.statements().stream()
                .filter(RuleStatement.class::isInstance)
                .flatMap(s -> ((RuleStatement) s).topics().stream())
                .filter(Topic.Filter.class::isInstance)
                .map(t -> ((Topic.Filter) t).filter())
                .toList();
        if (filters.isEmpty()) {
            return;
        }
        Policy policy = Policy.compile(ast, CLOCK);
        ReferenceEvaluator reference = new ReferenceEvaluator(ast, CLOCK);
        for (int c = 0; c < 4; c++) {
            ClientInfo client = RandomPolicies.client(r);
            ClientBinding binding = policy.bind(client);
            for (int i = 0; i < 40; i++) {
                String topic = RandomPolicies.topicMatching(r, filters.get(r.nextInt(filters.size())));
                String spoiled = spoil(r, topic);
                String why = "seed " + seed + ", " + client + ", topic " + topic + " spoiled as " + spoiled.replace("\0", "\\0");
                assertThat(binding.publish(topic, 1, false)).as(why).isEqualTo(reference.publish(client, topic, 1, false));
                assertThat(binding.publish(spoiled, 1, false).reason()).as(why).isEqualTo(Reason.INVALID);
                assertThat(binding.deliver(spoiled, Subscription.of("#", 1)).reason()).as(why).isEqualTo(Reason.INVALID);
            }
        }
    }

    /** {@code topic} (all ASCII) with one character replaced by, or one inserted before, a bad one. */
    private static String spoil(Random r, String topic) {
        char bad = BAD[r.nextInt(BAD.length)];
        int at = r.nextInt(topic.length() + 1);
        int skip = at < topic.length() && r.nextBoolean() ? 1 : 0;
        return topic.substring(0, at) + bad + topic.substring(at + skip);
    }
}
