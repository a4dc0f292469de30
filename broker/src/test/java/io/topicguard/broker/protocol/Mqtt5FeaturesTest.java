package io.topicguard.broker.protocol;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.topicguard.broker.testing.AllowAllBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** MQTT 5 features driven packet by packet: topic aliases, the client's Maximum Packet Size, QoS 2 resends. */
class Mqtt5FeaturesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final AllowAllBroker BROKER = new AllowAllBroker();

    private static MqttPublishMessage publish(String topic, int qos, int packetId, MqttProperties props, String payload) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, packetId, props), Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }

    private static MqttProperties alias(int alias) {
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS.value(), alias));
        return p;
    }

    @Test
    void topicAliasSetByOnePublishIsResolvedInTheNext() throws Exception {
        try (V5Client sub = V5Client.connect(BROKER.port(), "alias-sub"); RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
            sub.subscribe("alias/#", 0);
            raw.connectV5("alias-pub", true, 0);
            raw.next(MqttMessageType.CONNACK, WAIT);
            raw.send(publish("alias/long/topic/name", 0, 0, alias(3), "first"));
            raw.send(publish("", 0, 0, alias(3), "second"));
            Received first = sub.next(WAIT);
            Received second = sub.next(WAIT);
            assertThat(first.topic()).isEqualTo("alias/long/topic/name");
            assertThat(second.topic()).isEqualTo("alias/long/topic/name");
            assertThat(second.payload()).isEqualTo("second");
        }
    }

    @Test
    void topicAliasAboveTheAdvertisedMaximumIsRefused() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
            raw.connectV5("alias-bad", true, 0);
            raw.next(MqttMessageType.CONNACK, WAIT);
            raw.send(publish("alias/x", 0, 0, alias(65_000), "x"));
            MqttMessage disconnect = raw.next(MqttMessageType.DISCONNECT, WAIT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF).isEqualTo(0x94);
        }
    }

    @Test
    void messagesLargerThanTheClientsMaximumPacketSizeAreNotSent() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(BROKER.port()); V5Client pub = V5Client.connect(BROKER.port(), "maxsize-pub")) {
            MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), 200));
            raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("maxsize").cleanSession(true)
                    .keepAlive(60).properties(props).build());
            raw.next(MqttMessageType.CONNACK, WAIT);
            raw.subscribe(1, "size/#", MqttQoS.AT_LEAST_ONCE);
            raw.next(MqttMessageType.SUBACK, WAIT);
            pub.publish("size/big", "x".repeat(500), 1, false);
            pub.publish("size/small", "fits", 1, false);
            MqttPublishMessage got = (MqttPublishMessage) raw.next(MqttMessageType.PUBLISH, WAIT);
            assertThat(got.variableHeader().topicName()).isEqualTo("size/small");
            got.release();
        }
    }

    @Test
    void resentQos2PublishBeforePubrelIsDeliveredOnce() throws Exception {
        try (V5Client sub = V5Client.connect(BROKER.port(), "qos2-once-sub"); RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
            sub.subscribe("once/#", 2);
            raw.connectV5("qos2-once-pub", true, 0);
            raw.next(MqttMessageType.CONNACK, WAIT);
            raw.send(publish("once/x", 2, 7, MqttProperties.NO_PROPERTIES, "exactly"));
            raw.next(MqttMessageType.PUBREC, WAIT);
            raw.send(publish("once/x", 2, 7, MqttProperties.NO_PROPERTIES, "exactly")); // a resend, as after a lost PUBREC
            raw.next(MqttMessageType.PUBREC, WAIT);
            raw.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                    io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader.from(7)));
            raw.next(MqttMessageType.PUBCOMP, WAIT);
            raw.send(publish("once/end", 0, 0, MqttProperties.NO_PROPERTIES, "sentinel"));
            assertThat(sub.next(WAIT).payload()).isEqualTo("exactly");
            assertThat(sub.next(WAIT).payload()).isEqualTo("sentinel");
        }
    }
}
