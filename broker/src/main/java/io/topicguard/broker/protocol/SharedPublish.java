package io.topicguard.broker.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.topicguard.broker.session.OutboundMessage;
import io.topicguard.broker.session.SharedFrames;

/**
 * The PUBLISH packet many subscribers can share: QoS 0 (no packet identifier), no properties (none
 * from the publisher, no subscription identifier) and no server topic aliases on the connection, so
 * its bytes depend only on the protocol version and the RETAIN flag. Encoded here, once per
 * publication and variant (MQTT 3.1.1 §3.3, MQTT 5.0 §3.3), exactly as Netty's {@code MqttEncoder}
 * would encode the same packet; written to each channel as a retained duplicate, which the encoder
 * passes through untouched.
 */
final class SharedPublish {

    private static final int PUBLISH_TYPE = 3 << 4;

    private SharedPublish() {
    }

    /**
     * A retained duplicate of the shared packet for {@code m} on {@code c}, encoding it if it is the
     * first; null when the packet cannot be shared and must be built for this connection alone.
     */
    static ByteBuf frame(ClientConnection c, OutboundMessage m) {
        SharedFrames frames = m.frames();
        if (frames == null || m.qos() != 0 || c.sendsTopicAliases
                || (c.v5() && (!m.properties().isEmpty() || m.subscriptionIds().length > 0))) {
            return null;
        }
        int variant = (c.v5() ? 2 : 0) | (m.retain() ? 1 : 0);
        ByteBuf frame = frames.retainedFrame(variant);
        return frame != null ? frame : frames.share(variant, encode(c.channel.alloc(), c.v5(), m.topic(), m.payload(), m.retain()));
    }

    /** The QoS 0 PUBLISH without properties: fixed header, topic name, (MQTT 5) an empty property length, payload. */
    static ByteBuf encode(ByteBufAllocator alloc, boolean v5, String topic, byte[] payload, boolean retain) {
        int topicBytes = ByteBufUtil.utf8Bytes(topic);
        int remaining = 2 + topicBytes + (v5 ? 1 : 0) + payload.length;
        ByteBuf buf = alloc.directBuffer(1 + varIntBytes(remaining) + remaining);
        buf.writeByte(PUBLISH_TYPE | (retain ? 1 : 0));
        writeVarInt(buf, remaining);
        buf.writeShort(topicBytes);
        ByteBufUtil.writeUtf8(buf, topic);
        if (v5) {
            buf.writeByte(0); // property length: none
        }
        buf.writeBytes(payload);
        return buf;
    }

    private static int varIntBytes(int value) {
        int n = 1;
        while ((value >>>= 7) > 0) {
            n++;
        }
        return n;
    }

    /** MQTT's Variable Byte Integer (MQTT 5.0 §1.5.5): seven bits a byte, the high bit set when more follow. */
    private static void writeVarInt(ByteBuf buf, int value) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            buf.writeByte(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }
}
