package io.topicguard.hivemq;

import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy's {@code partial deny} and {@code on deny disconnect} inside HiveMQ: a subscription
 * the policy only partly allows is refused, and a refusal ends the connection (DISCONNECT 0x87).
 */
class DenyOptionsTest {

    private static EmbeddedTopicguard hivemq;

    @BeforeAll
    static void start() throws Exception {
        hivemq = EmbeddedTopicguard.trustingUsernames("""
                default deny
                anonymous deny
                on deny disconnect
                partial deny
                deny all to subscribe "a/secret/#"
                allow all to subscribe "a/#"
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        hivemq.close();
    }

    @Test
    void aFullyAllowedSubscriptionIsGranted() throws Exception {
        try (V5Client client = V5Client.connect(hivemq.port(), "options-allowed", V5Client.login("carol"))) {
            assertThat(client.subscribe("a/open/#", 1)).isEqualTo(1);
            assertThat(client.client.isConnected()).isTrue();
        }
    }

    @Test
    void aPartialSubscriptionIsRefusedAndTheRefusalDisconnects() throws Exception {
        try (LogLines denials = new LogLines();
             V5Client client = V5Client.connect(hivemq.port(), "options-partial", V5Client.login("carol"))) {
            client.client.subscribe("a/#", 1);
            assertThat(client.disconnected).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(0x87);
            assertThat(denials.lines()).anySatisfy(line -> assertThat(line)
                    .containsPattern("^deny subscribe reason=partial-rule source=\\S*policy\\.acl:6 .*topic=\"a/#\""));
        }
    }
}
