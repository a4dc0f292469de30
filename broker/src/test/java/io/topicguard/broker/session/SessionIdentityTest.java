package io.topicguard.broker.session;

import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A persistent session belongs to the identity that built it, not to whoever presents its client id. */
class SessionIdentityTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final String POLICY = """
            anonymous deny
            allow username "writer" to publish any
            allow all to subscribe "users/${username}/#"
            allow all to subscribe "shared/end"
            """;

    private static MqttConnectionOptions persistentAs(String user) {
        MqttConnectionOptions o = V5Client.options();
        o.setUserName(user);
        o.setCleanStart(false);
        o.setSessionExpiryInterval(300L);
        return o;
    }

    @Test
    void anotherUserPresentingTheClientIdGetsAFreshSessionNotTheSubscriptions() throws Exception {
        try (Broker broker = PolicyBroker.start(POLICY)) {
            try (V5Client alice = V5Client.connect(broker.tcpPort(), "device-7", persistentAs("alice"))) {
                assertThat(alice.subscribe("users/alice/#", 1)).isEqualTo(1);
            }
            try (V5Client writer = V5Client.connect(broker.tcpPort(), "writer", persistentAs("writer"))) {
                writer.publish("users/alice/inbox", "queued for alice", 1, false);
            }
            V5Client mallory = V5Client.create(broker.tcpPort(), "device-7");
            try (mallory) {
                IMqttToken token = mallory.client.connect(persistentAs("mallory"));
                token.waitForCompletion(5_000);
                assertThat(token.getSessionPresent()).as("session present for another user").isFalse();
                mallory.subscribe("shared/end", 1);
                try (V5Client writer = V5Client.connect(broker.tcpPort(), "writer", persistentAs("writer"))) {
                    writer.publish("users/alice/inbox", "live for alice", 1, false);
                    writer.publish("shared/end", "sentinel", 1, false);
                }
                assertThat(mallory.next(WAIT).payload()).isEqualTo("sentinel");
            }
        }
    }

    @Test
    void theSameUserResumesItsSession() throws Exception {
        try (Broker broker = PolicyBroker.start(POLICY)) {
            try (V5Client alice = V5Client.connect(broker.tcpPort(), "device-8", persistentAs("alice"))) {
                alice.subscribe("users/alice/#", 1);
            }
            try (V5Client writer = V5Client.connect(broker.tcpPort(), "writer", persistentAs("writer"))) {
                writer.publish("users/alice/inbox", "queued", 1, false);
            }
            V5Client alice = V5Client.create(broker.tcpPort(), "device-8");
            try (alice) {
                IMqttToken token = alice.client.connect(persistentAs("alice"));
                token.waitForCompletion(5_000);
                assertThat(token.getSessionPresent()).isTrue();
                assertThat(alice.next(WAIT).payload()).isEqualTo("queued");
            }
        }
    }
}
