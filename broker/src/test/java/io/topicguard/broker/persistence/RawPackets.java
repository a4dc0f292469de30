package io.topicguard.broker.persistence;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.topicguard.testkit.mqtt.RawMqttClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Packets the crash tests send by hand, where a real client cannot stop between two steps of an exchange. */
final class RawPackets {

    static final Duration WAIT = BrokerProcess.WAIT;

    private RawPackets() {
    }

    /** MQTT 5 CONNECT resuming or creating a session of {@code sessionExpiry} seconds, with a QoS 1 will on {@code will/CLIENTID} delayed {@code willDelay} seconds. */
    static MqttConnectMessage connectWithWill(String clientId, int sessionExpiry, int willDelay) {
        MqttProperties session = new MqttProperties();
        session.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), sessionExpiry));
        MqttProperties will = new MqttProperties();
        will.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.WILL_DELAY_INTERVAL.value(), willDelay));
        return MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(clientId).cleanSession(false)
                .keepAlive(60).properties(session)
                .willFlag(true).willTopic("will/" + clientId).willQoS(MqttQoS.AT_LEAST_ONCE)
                .willMessage(("gone " + clientId).getBytes(StandardCharsets.UTF_8)).willProperties(will).build();
    }

    /** Connects, waits for CONNACK and returns its Session Present flag. */
    static boolean connected(RawMqttClient c, MqttConnectMessage connect) throws InterruptedException {
        c.send(connect);
        MqttConnAckMessage ack = (MqttConnAckMessage) c.next(MqttMessageType.CONNACK, WAIT);
        if (ack.variableHeader().connectReturnCode().byteValue() != 0) {
            throw new AssertionError("CONNECT refused: " + ack.variableHeader().connectReturnCode());
        }
        return ack.variableHeader().isSessionPresent();
    }

    static MqttPublishMessage publishQos2(String topic, String payload, int packetId, boolean dup) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.EXACTLY_ONCE, false, 0),
                new MqttPublishVariableHeader(topic, packetId), Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8)));
    }

    static MqttMessage pubrel(int packetId) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId));
    }

    /** The next packet of {@code type}; fails unless it is about {@code packetId}. Returns its MQTT 5 reason code (0 in 3.1.1). */
    static int reply(RawMqttClient c, MqttMessageType type, int packetId) throws InterruptedException {
        MqttMessage m = c.next(type, WAIT);
        Object header = m.variableHeader();
        if (header instanceof MqttPubReplyMessageVariableHeader h) {
            check(h.messageId(), packetId, type);
            return h.reasonCode() & 0xFF;
        }
        check(((MqttMessageIdVariableHeader) header).messageId(), packetId, type);
        return 0;
    }

    private static void check(int got, int expected, MqttMessageType type) {
        if (got != expected) {
            throw new AssertionError(type + " for packet id " + got + ", expected " + expected);
        }
    }
}
