package io.topicguard.broker.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The size computed for the client's Maximum Packet Size equals what Netty's encoder writes. */
class PacketSizeTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 10, 127, 200, 20_000, 3_000_000})
    void computedSizeEqualsEncodedSize(int payloadLength) {
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), 1));
        props.add(new MqttProperties.IntegerProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), 60));
        props.add(new MqttProperties.StringProperty(MqttPropertyType.CONTENT_TYPE.value(), "text/plain"));
        props.add(new MqttProperties.StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(), "reply/é"));
        props.add(new MqttProperties.BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(), new byte[] {1, 2, 3}));
        MqttProperties.UserProperties user = new MqttProperties.UserProperties();
        user.add("k", "v");
        user.add("key2", "value2");
        props.add(user);
        props.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), 5));
        props.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), 300_000));

        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        // The encoder learns the protocol version from the CONNECT it encodes.
        channel.writeOutbound(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("c").build());
        ((ByteBuf) channel.readOutbound()).release();
        String topic = "sensors/ünïcode/x";
        channel.writeOutbound(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttPublishVariableHeader(topic, 1, props), Unpooled.wrappedBuffer(new byte[payloadLength])));
        int encoded = 0;
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            encoded += b.readableBytes();
            b.release();
        }
        assertThat(PacketSize.publish(topic, 1, payloadLength, props)).isEqualTo(encoded);
        assertThat(topic.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(topic.length());
    }
}
