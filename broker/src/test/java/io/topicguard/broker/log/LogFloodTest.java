package io.topicguard.broker.log;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.buffer.Unpooled;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.DenialCapture;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No client can flood the log (docs/broker.md): denial lines are rate-limited per connection and
 * per source address, and every client-chosen value in them is capped. Counts the lines a real
 * broker writes while clients send denied requests as fast as they can.
 */
class LogFloodTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** A client id or topic that escaping grows sixfold, far beyond the cap. */
    private static final String HOSTILE = "\u0001".repeat(20_000);

    @Test
    void aClientSendingDeniedPublishesWritesABoundedNumberOfShortLines() throws Exception {
        try (Broker broker = PolicyBroker.start("anonymous allow\nallow all to subscribe \"#\"\n");
             DenialCapture denials = new DenialCapture();
             RawMqttClient flooder = RawMqttClient.connect(broker.tcpPort())) {
            long start = System.nanoTime();
            flooder.connectV5("flooder", true, 0);
            flooder.next(MqttMessageType.CONNACK, WAIT);
            String topic = "t/" + "x".repeat(1_000); // long, yet within the topic length limit (1,024)
            for (int i = 0; i < 3_000; i++) {
                flooder.send(publish(topic, MqttQoS.AT_MOST_ONCE, 0));
            }
            // A QoS 1 publish is answered after every earlier packet of this connection was handled.
            flooder.send(publish(topic, MqttQoS.AT_LEAST_ONCE, 7));
            var ack = (MqttPubReplyMessageVariableHeader) flooder.next(MqttMessageType.PUBACK, WAIT).variableHeader();
            assertThat(ack.reasonCode()).isEqualTo((byte) 0x87);

            assertBounded(denials.lines(), 10, start);
        }
    }

    @Test
    void aFloodOfRefusedConnectsWritesABoundedNumberOfShortLines() throws Exception {
        try (Broker broker = PolicyBroker.start("anonymous allow\nban clientid ~ \"^\\\\x01\"\nallow all to subscribe \"#\"\n");
             DenialCapture denials = new DenialCapture()) {
            long start = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                try (RawMqttClient c = RawMqttClient.connect(broker.tcpPort())) {
                    c.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(HOSTILE + i)
                            .username(HOSTILE).cleanSession(true).keepAlive(60).build());
                    MqttConnAckMessage refused = (MqttConnAckMessage) c.next(MqttMessageType.CONNACK, WAIT);
                    assertThat(refused.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 5);
                }
            }
            assertBounded(denials.lines(), 100, start);
        }
    }

    /** At most {@code perWindow} denial lines and one summary per 10 s window that has passed, each short. */
    private static void assertBounded(List<String> lines, int perWindow, long startNanos) {
        long windows = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds() / 10 + 1;
        assertThat(lines).isNotEmpty();
        assertThat(lines.size()).as("denial lines in %d window(s)", windows).isLessThanOrEqualTo((int) (windows * (perWindow + 2)));
        // 3 capped values of 256 characters, each escaped at most sixfold, plus the fixed fields.
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThan(5_000));
        assertThat(lines.stream().filter(l -> l.startsWith("deny ")).findFirst().orElseThrow()).contains("…(+");
    }

    private static io.netty.handler.codec.mqtt.MqttPublishMessage publish(String topic, MqttQoS qos, int packetId) {
        return MqttMessageBuilders.publish().topicName(topic).qos(qos).messageId(packetId).payload(Unpooled.wrappedBuffer(new byte[] {1}))
                .build();
    }
}
