package io.topicguard.broker.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared QoS 0 PUBLISH is, byte for byte, what Netty's encoder writes for the same packet. */
class SharedPublishTest {

    private static final AttributeKey<MqttVersion> CODEC_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    @ParameterizedTest(name = "v5 {0}, retain {1}, topic {2}, {3} payload bytes")
    @CsvSource({
            "false, false, fan/allowed/1, 16",
            "true, false, fan/allowed/1, 16",
            "false, true, a, 0",
            "true, true, a, 0",
            "false, false, ünïcödé/主题, 100",
            "true, false, ünïcödé/主题, 200",     // a two-byte remaining length
            "false, true, t/x, 20000",           // a three-byte remaining length
            "true, true, t/x, 20000",
    })
    void sharedPacketIsWhatTheEncoderWrites(boolean v5, boolean retain, String topic, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'p');
        ByteBuf shared = SharedPublish.encode(PooledByteBufAllocator.DEFAULT, v5, topic, payload, retain);
        try {
            assertThat(ByteBufUtil.getBytes(shared)).as("shared packet of %s", topic).isEqualTo(nettyEncoded(v5, retain, topic, payload));
        } finally {
            shared.release();
        }
    }

    private static byte[] nettyEncoded(boolean v5, boolean retain, String topic, byte[] payload) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        channel.attr(CODEC_VERSION).set(v5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1);
        channel.writeOutbound(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_MOST_ONCE, retain, 0),
                new MqttPublishVariableHeader(topic, 0, MqttProperties.NO_PROPERTIES), Unpooled.wrappedBuffer(payload)));
        ByteBuf encoded = channel.readOutbound();
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
            channel.finishAndReleaseAll();
        }
    }
}
