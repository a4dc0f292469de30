package io.topicguard.broker.protocol;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;

/**
 * A packet Netty's decoder could not decode (MQTT 5.0 §4.13): only that connection is closed,
 * with a reason code where the protocol has one, and the reason is logged at DEBUG only.
 */
final class BadInput {

    /** Where Netty's codec keeps the protocol version it read from CONNECT. */
    private static final AttributeKey<MqttVersion> CODEC_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private BadInput() {
    }

    static void decoderFailure(ClientConnection c, MqttMessage m) {
        Throwable cause = m.decoderResult().cause();
        boolean tooLarge = cause instanceof TooLongFrameException;
        MqttConnectionHandler.LOG.debug("closing {}: {} packet: {}", c.peer(), tooLarge ? "oversized" : "malformed", cause.getMessage());
        if (c.state == ClientConnection.State.AWAIT_CONNECT) {
            boolean v5 = c.channel.attr(CODEC_VERSION).get() == MqttVersion.MQTT_5;
            if (cause instanceof MqttUnacceptableProtocolVersionException) {
                // The version is unknown, so answer in the 3.1.1 form every client version can read
                // (MQTT 5.0 §3.1.2.2 allows it): return code 1, unacceptable protocol version.
                c.refuse(null, MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
                return;
            }
            if (cause instanceof FrameCheck.DuplicateProperty) {
                c.version = MqttVersion.MQTT_5; // only MQTT 5 packets have properties
                c.refuse(MqttConnectReturnCode.CONNECTION_REFUSED_PROTOCOL_ERROR, null);
                return;
            }
            c.version = v5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1;
            if (cause instanceof MqttIdentifierRejectedException) {
                c.refuse(MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID, MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
            } else if (v5) {
                c.refuse(tooLarge ? MqttConnectReturnCode.CONNECTION_REFUSED_PACKET_TOO_LARGE : MqttConnectReturnCode.CONNECTION_REFUSED_MALFORMED_PACKET, null);
            } else {
                c.close();
            }
            return;
        }
        if (cause instanceof FrameCheck.DuplicateProperty) {
            c.disconnect(ReasonCodes.PROTOCOL_ERROR); // MQTT 5.0 §2.2.2.2
            return;
        }
        c.disconnect(tooLarge ? ReasonCodes.PACKET_TOO_LARGE : ReasonCodes.MALFORMED_PACKET);
    }
}
