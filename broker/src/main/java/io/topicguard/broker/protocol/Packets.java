package io.topicguard.broker.protocol;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;

import java.util.List;

/**
 * The packets the broker sends, built once here. Reason codes and properties are always filled
 * in; Netty's encoder leaves them out for MQTT 3.1.1 connections, which have neither.
 */
final class Packets {

    static final MqttMessage PINGRESP = new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0));

    private Packets() {
    }

    static MqttConnAckMessage connAck(MqttConnectReturnCode code, boolean sessionPresent, MqttProperties properties) {
        return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(sessionPresent).properties(properties).build();
    }

    static MqttMessage pubAck(int packetId, byte reasonCode) {
        return reply(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, packetId, reasonCode);
    }

    static MqttMessage pubRec(int packetId, byte reasonCode) {
        return reply(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE, packetId, reasonCode);
    }

    /** PUBREL has fixed-header flags 0010 (MQTT-3.6.1-1), i.e. QoS 1 in Netty's terms. */
    static MqttMessage pubRel(int packetId, byte reasonCode) {
        return reply(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, packetId, reasonCode);
    }

    static MqttMessage pubComp(int packetId, byte reasonCode) {
        return reply(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE, packetId, reasonCode);
    }

    private static MqttMessage reply(MqttMessageType type, MqttQoS qos, int packetId, byte reasonCode) {
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, reasonCode, MqttProperties.NO_PROPERTIES));
    }

    static MqttSubAckMessage subAck(int packetId, List<Integer> reasonCodes) {
        return new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(reasonCodes));
    }

    static MqttUnsubAckMessage unsubAck(int packetId, List<Short> reasonCodes) {
        return MqttMessageBuilders.unsubAck().packetId(packetId).addReasonCodes(reasonCodes.toArray(new Short[0])).build();
    }

    static MqttMessage disconnect(byte reasonCode) {
        return MqttMessageBuilders.disconnect().reasonCode(reasonCode).build();
    }
}
