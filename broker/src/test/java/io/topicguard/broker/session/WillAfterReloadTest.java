package io.topicguard.broker.session;

import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.DenialCapture;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A will is authorized when it is sent, under the policy in force then (docs/semantics.md, In the
 * broker): a reload that revokes the grant or bans the client stops a will that is still waiting
 * for its delay, and a ban that disconnects a connected client does not publish its will.
 */
class WillAfterReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String OPEN = "anonymous allow\nallow all to publish, subscribe \"will/#\"\n";

    @TempDir
    Path dir;

    @Test
    void aDelayedWillWhoseGrantAReloadRevokedIsNotPublished() throws Exception {
        Path policy = dir.resolve("policy.acl");
        try (Broker broker = PolicyBroker.startFromFile(policy, OPEN);
             V5Client reader = V5Client.connect(broker.tcpPort(), "reader");
             DenialCapture denials = new DenialCapture()) {
            assertThat(reader.subscribe("will/#", 1)).isEqualTo(1);
            leaveWithPendingWill(broker.tcpPort(), "w", null);

            PolicyBroker.reload(broker, policy, "anonymous allow\nallow clientid \"reader\" to subscribe \"will/#\"\n");
            // A clean start ends the old session, which sends its waiting will now (MQTT 5.0 §3.1.3.2.2).
            try (RawMqttClient again = RawMqttClient.connect(broker.tcpPort())) {
                again.connectV5("w", true, 0);
                again.next(MqttMessageType.CONNACK, WAIT);
                assertWillDeniedAndNotDelivered(reader, denials);
            }
        }
    }

    @Test
    void aDelayedWillOfAClientAReloadBannedIsNotPublished() throws Exception {
        Path policy = dir.resolve("policy.acl");
        try (Broker broker = PolicyBroker.startFromFile(policy, OPEN);
             V5Client reader = V5Client.connect(broker.tcpPort(), "reader");
             DenialCapture denials = new DenialCapture()) {
            assertThat(reader.subscribe("will/#", 1)).isEqualTo(1);
            leaveWithPendingWill(broker.tcpPort(), "w", "mallory");

            PolicyBroker.reload(broker, policy, "ban username \"mallory\"\n" + OPEN);
            // Another identity taking the client id ends mallory's session, which sends the waiting will now.
            try (RawMqttClient other = RawMqttClient.connect(broker.tcpPort())) {
                other.connectV5("w", false, 0);
                other.next(MqttMessageType.CONNACK, WAIT);
                assertWillDeniedAndNotDelivered(reader, denials);
            }
        }
    }

    @Test
    void aClientDisconnectedByABanReloadDoesNotPublishItsWill() throws Exception {
        Path policy = dir.resolve("policy.acl");
        try (Broker broker = PolicyBroker.startFromFile(policy, OPEN);
             V5Client reader = V5Client.connect(broker.tcpPort(), "reader");
             RawMqttClient w = RawMqttClient.connect(broker.tcpPort());
             DenialCapture denials = new DenialCapture()) {
            assertThat(reader.subscribe("will/#", 1)).isEqualTo(1);
            w.send(connectWithWill("w", null, 0));
            w.next(MqttMessageType.CONNACK, WAIT);

            PolicyBroker.reload(broker, policy, "ban clientid \"w\"\n" + OPEN);
            var disconnect = w.next(MqttMessageType.DISCONNECT, WAIT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode()).isEqualTo((byte) 0x98);
            assertWillDeniedAndNotDelivered(reader, denials);
        }
    }

    /** Connects {@code clientId} with a persistent session and a will delayed 300 s, then drops the socket without DISCONNECT. */
    private static void leaveWithPendingWill(int port, String clientId, String username) throws Exception {
        try (RawMqttClient w = RawMqttClient.connect(port)) {
            w.send(connectWithWill(clientId, username, 300));
            w.next(MqttMessageType.CONNACK, WAIT);
        }
    }

    private static io.netty.handler.codec.mqtt.MqttConnectMessage connectWithWill(String clientId, String username, int delaySeconds) {
        MqttProperties session = new MqttProperties();
        session.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 300));
        MqttProperties will = new MqttProperties();
        will.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.WILL_DELAY_INTERVAL.value(), delaySeconds));
        return MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(clientId).cleanSession(true)
                .keepAlive(60).properties(session).username(username)
                .willFlag(true).willTopic("will/" + clientId).willQoS(MqttQoS.AT_LEAST_ONCE)
                .willMessage("gone".getBytes(StandardCharsets.UTF_8)).willProperties(will).build();
    }

    private static void assertWillDeniedAndNotDelivered(V5Client reader, DenialCapture denials) throws InterruptedException {
        // Either outcome ends the wait: the will's denial line, or the will itself reaching the reader.
        await().atMost(WAIT).until(() -> !reader.received.isEmpty() || denials.lines().stream().anyMatch(l -> l.contains("action=will")));
        assertThat(reader.received).as("the will must not be delivered").isEmpty();
        assertThat(denials.lines()).anyMatch(l -> l.contains("action=will") && l.contains("topic=\"will/w\""));
    }
}
