package io.topicguard.broker.review;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: a QoS 1 message sent to a persistent session but not yet acknowledged was resent
 * on reconnect (MQTT-4.4.0-1) even when the policy in force at the reconnect no longer lets the
 * client read its topic. The leak invariant of docs/semantics.md, Deliver ("... or policy reload") wins over
 * the resend: such a message is dropped from the session instead.
 */
class InflightResendLeakTest {

    /** Where the policy is written and rewritten: a reload reads it from disk, as {@code serve} does. */
    @TempDir
    Path dir;

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final String BEFORE = """
            anonymous allow
            allow all to publish any
            allow all to subscribe "secret/#", "open/#"
            """;

    private static final String AFTER = """
            anonymous allow
            allow all to publish any
            allow all to subscribe "open/#"
            """;

    @Test
    void unacknowledgedMessageIsNotResentAfterAReloadForbidsItsTopic() throws Exception {
        try (Broker broker = PolicyBroker.startFromFile(dir.resolve("policy.acl"), BEFORE)) {
            try (RawMqttClient reader = RawMqttClient.connect(broker.tcpPort())) {
                reader.connectV5("inflight-reader", false, 300);
                reader.next(MqttMessageType.CONNACK, WAIT);
                reader.subscribe(1, "secret/#", MqttQoS.AT_LEAST_ONCE);
                reader.next(MqttMessageType.SUBACK, WAIT);
                reader.subscribe(2, "open/#", MqttQoS.AT_LEAST_ONCE);
                reader.next(MqttMessageType.SUBACK, WAIT);
                try (V5Client writer = V5Client.connect(broker.tcpPort(), "inflight-writer")) {
                    writer.publish("secret/plans", "secret", 1, false);
                }
                // Received and deliberately not acknowledged: it stays in flight in the session.
                MqttPublishMessage first = (MqttPublishMessage) reader.next(MqttMessageType.PUBLISH, WAIT);
                assertThat(first.variableHeader().topicName()).isEqualTo("secret/plans");
                first.release();
            }

            PolicyBroker.reload(broker, dir.resolve("policy.acl"), AFTER);

            try (RawMqttClient reader = RawMqttClient.connect(broker.tcpPort())) {
                reader.connectV5("inflight-reader", false, 300);
                reader.next(MqttMessageType.CONNACK, WAIT);
                try (V5Client writer = V5Client.connect(broker.tcpPort(), "inflight-writer")) {
                    writer.publish("open/sentinel", "sentinel", 1, false);
                }
                MqttMessage next = reader.next(MqttMessageType.PUBLISH, WAIT);
                assertThat(((MqttPublishMessage) next).variableHeader().topicName())
                        .as("the first message after the reload").isEqualTo("open/sentinel");
                ((MqttPublishMessage) next).release();
            }
        }
    }
}
