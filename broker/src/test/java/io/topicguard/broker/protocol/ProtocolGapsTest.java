package io.topicguard.broker.protocol;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.AllowAll;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Packets the MQTT specifications call protocol errors end the connection: SUBSCRIBE and
 * UNSUBSCRIBE without filters (MQTT-3.8.3-3, MQTT-3.10.3-2), an MQTT 5 property given twice
 * (MQTT 5.0 §2.2.2.2); and a packet left half-sent cannot hold a connection open, keep-alive 0
 * or not.
 */
class ProtocolGapsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static Broker broker;

    @BeforeAll
    static void start() {
        broker = TestBroker.start(new AllowAll(), null, ProtocolLimits.defaults().toBuilder().connectTimeout(Duration.ofSeconds(5))
                .incompletePacketTimeout(Duration.ofSeconds(1)).build());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static RawMqttClient connectedV3(String clientId, int keepAlive) throws InterruptedException {
        RawMqttClient raw = RawMqttClient.connect(broker.tcpPort());
        raw.connectV3(clientId, true, keepAlive);
        raw.next(MqttMessageType.CONNACK, WAIT);
        return raw;
    }

    @Test
    void aSubscribeWithoutFiltersClosesTheConnection() throws Exception {
        try (RawMqttClient raw = connectedV3("empty-subscribe", 60)) {
            raw.sendBytes(new byte[] {(byte) 0x82, 0x02, 0x00, 0x01}); // SUBSCRIBE, packet id 1, no filters
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void anUnsubscribeWithoutFiltersClosesTheConnection() throws Exception {
        try (RawMqttClient raw = connectedV3("empty-unsubscribe", 60)) {
            raw.sendBytes(new byte[] {(byte) 0xA2, 0x02, 0x00, 0x01}); // UNSUBSCRIBE, packet id 1, no filters
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void aDuplicatedPropertyIsAProtocolError() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
            raw.connectV5("duplicate-property", true, 0);
            raw.next(MqttMessageType.CONNACK, WAIT);
            // PUBLISH QoS 0 to "a" with Payload Format Indicator (0x01) given twice, payload "x".
            raw.sendBytes(new byte[] {0x30, 0x09, 0x00, 0x01, 'a', 0x04, 0x01, 0x00, 0x01, 0x01, 'x'});
            MqttMessage disconnect = raw.next(MqttMessageType.DISCONNECT, WAIT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode()).isEqualTo((byte) 0x82);
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void aConnectWithADuplicatedPropertyIsRefusedWithProtocolError() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
            // CONNECT "MQTT" level 5, clean start, keep-alive 60, Session Expiry Interval (0x11) twice, client id "d".
            raw.sendBytes(new byte[] {0x10, 0x18, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C,
                0x0A, 0x11, 0, 0, 0, 1, 0x11, 0, 0, 0, 2, 0x00, 0x01, 'd'});
            var connAck = (io.netty.handler.codec.mqtt.MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT);
            assertThat(connAck.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0x82);
        }
    }

    @Test
    void aHalfSentPacketDoesNotHoldAConnectionWithoutKeepAlive() throws Exception {
        try (RawMqttClient raw = connectedV3("half-sent", 0)) {
            raw.sendBytes(new byte[] {0x30, 0x0A, 0x00}); // a PUBLISH announcing 10 bytes, then silence
            assertThat(raw.awaitClosed(WAIT)).isTrue();
        }
    }

    @Test
    void packetsSplitAcrossWritesStillWork() throws Exception {
        try (RawMqttClient raw = connectedV3("split", 0)) {
            raw.sendBytes(new byte[] {(byte) 0x82, 0x06, 0x00});
            raw.sendBytes(new byte[] {0x01, 0x00, 0x01, 'a', 0x00}); // SUBSCRIBE id 1 to "a" QoS 0, in two writes
            raw.next(MqttMessageType.SUBACK, WAIT);
            raw.sendBytes(new byte[] {(byte) 0xC0, 0x00}); // PINGREQ
            raw.next(MqttMessageType.PINGRESP, WAIT);
        }
    }
}
