package io.topicguard.broker.protocol;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.AllowAll;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's Receive Maximum (MQTT 5.0 §3.2.2.3.3, §4.9): advertised in CONNACK, and a client
 * with more QoS 1/2 PUBLISHes unfinished than that is disconnected with 0x93.
 */
class ReceiveMaximumTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static Broker broker;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(new AllowAll(), null,
                ProtocolLimits.defaults().toBuilder().connectTimeout(Duration.ofSeconds(5)).receiveMaximum(3).build());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static MqttPublishMessage qos2(int packetId, boolean dup) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.EXACTLY_ONCE, false, 0),
                new MqttPublishVariableHeader("rm/x", packetId, MqttProperties.NO_PROPERTIES), Unpooled.copiedBuffer("m", StandardCharsets.UTF_8));
    }

    private static int packetIdOf(MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    @Test
    void connackAdvertisesTheReceiveMaximumAndPahoReadsIt() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
            raw.connectV5("rm-ack", true, 0);
            MqttConnAckMessage ack = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT);
            assertThat(ack.variableHeader().properties().getProperty(MqttPropertyType.RECEIVE_MAXIMUM.value()).value()).isEqualTo(3);
        }
        try (V5Client paho = V5Client.create(broker.tcpPort(), "rm-paho")) {
            IMqttToken token = paho.client.connect(V5Client.options());
            token.waitForCompletion(WAIT.toMillis());
            assertThat(token.getResponseProperties().getReceiveMaximum()).isEqualTo(3);
        }
    }

    @Test
    void oneQos2PublishMoreThanTheMaximumUnreleasedIsDisconnectedWith0x93() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
            raw.connectV5("rm-over", true, 0);
            raw.next(MqttMessageType.CONNACK, WAIT);
            for (int id = 1; id <= 3; id++) {
                raw.send(qos2(id, false));
                assertThat(packetIdOf(raw.next(MqttMessageType.PUBREC, WAIT))).isEqualTo(id);
            }
            raw.send(qos2(1, true)); // a resend of an unfinished one is not one more
            assertThat(packetIdOf(raw.next(MqttMessageType.PUBREC, WAIT))).isEqualTo(1);
            raw.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                    MqttMessageIdVariableHeader.from(1)));
            raw.next(MqttMessageType.PUBCOMP, WAIT);
            raw.send(qos2(4, false)); // PUBREL 1 made room
            assertThat(packetIdOf(raw.next(MqttMessageType.PUBREC, WAIT))).isEqualTo(4);

            raw.send(qos2(5, false));
            MqttMessage disconnect = raw.next(MqttMessageType.DISCONNECT, WAIT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF).isEqualTo(0x93);
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void acknowledgedQos1PublishesNeverAddUp() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
            raw.connectV5("rm-qos1", true, 0);
            raw.next(MqttMessageType.CONNACK, WAIT);
            for (int id = 1; id <= 10; id++) {
                raw.send(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                        new MqttPublishVariableHeader("rm/y", id, MqttProperties.NO_PROPERTIES), Unpooled.copiedBuffer("m", StandardCharsets.UTF_8)));
                assertThat(packetIdOf(raw.next(MqttMessageType.PUBACK, WAIT))).isEqualTo(id);
            }
            assertThat(raw.isOpen()).isTrue();
        }
    }

    @Test
    void mqtt311ClientsAreNotHeldToIt() throws Exception {
        // MQTT 3.1.1 has no Receive Maximum: such a client was never told one.
        try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
            raw.connectV3("rm-v3", true, 60);
            raw.next(MqttMessageType.CONNACK, WAIT);
            for (int id = 1; id <= 5; id++) {
                raw.send(qos2(id, false));
                assertThat(packetIdOf(raw.next(MqttMessageType.PUBREC, WAIT))).isEqualTo(id);
            }
        }
    }
}
