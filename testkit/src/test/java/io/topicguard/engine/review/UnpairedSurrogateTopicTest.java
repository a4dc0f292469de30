package io.topicguard.engine.review;

import io.topicguard.dsl.TopicSyntax;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Subscription;
import io.topicguard.testkit.policy.PolicyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.topicguard.testkit.policy.PolicyBuilder.username;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: a topic or filter holding half of a UTF-16 surrogate pair is no MQTT string
 * (MQTT-1.5.4-1: it has no UTF-8 encoding), yet the API decided it by the policy — a rule
 * {@code devices/${clientid}/#} even allowed {@code devices/\uD800/x} for client id {@code \uD800}.
 * The issue's bad-input contract: what is not valid MQTT is {@code deny (invalid)}.
 */
class UnpairedSurrogateTopicTest {

    private static final ClientInfo ROOT = ClientInfo.builder("r").username("root").build();

    private static ClientBinding superuserOfDefaultAllow() throws PolicyLoadException {
        return Policy.compile(new PolicyBuilder().setting(Setting.DEFAULT_ALLOW).superuser(username("root")).build()).bind(ROOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/\uD800", "\uDC00", "a/\uDC00\uD800/b", "x\uD83D"})
    void halfASurrogatePairMakesTopicsAndFiltersInvalidEvenForSuperusers(String topic) throws PolicyLoadException {
        ClientBinding binding = superuserOfDefaultAllow();
        assertThat(binding.publish(topic, 0, false).reason()).isEqualTo(Reason.INVALID);
        assertThat(binding.subscribe(topic, 0).reason()).isEqualTo(Reason.INVALID);
        assertThat(binding.deliver(topic, Subscription.of("#", 0)).reason()).isEqualTo(Reason.INVALID);
        assertThat(TopicSyntax.nameProblem(topic)).contains("surrogate");
    }

    @Test
    void aWholeSurrogatePairIsAnOrdinaryCharacter() throws PolicyLoadException {
        ClientBinding binding = superuserOfDefaultAllow();
        assertThat(binding.publish("emoji/\uD83D\uDE00", 0, false).reason()).isEqualTo(Reason.SUPERUSER);
        assertThat(binding.subscribe("emoji/\uD83D\uDE00/+", 0).reason()).isEqualTo(Reason.SUPERUSER);
        assertThat(TopicSyntax.filterProblem("\uD83D\uDE00/#")).isNull();
    }
}
