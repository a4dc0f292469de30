package io.topicguard.broker.interop;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.topicguard.testkit.mqtt.RawMqttClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A raw MQTT connection (testkit's {@link RawMqttClient}, Netty's codec) for the suite's steps
 * that Paho Java cannot take: a client that never pings, stops acknowledging, sends a topic
 * alias of its own or a packet above the broker's maximum. {@link #until} reads packets and
 * answers the broker the way a well-behaved client would (PUBACK, PUBREC/PUBREL/PUBCOMP) unless
 * the test reads them itself.
 */
final class RawPeer implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    /** The payload of the message a test publishes after everything it expects, to prove that nothing else came. */
    static final String SENTINEL = "sentinel";

    final RawMqttClient raw;

    private RawPeer(RawMqttClient raw) {
        this.raw = raw;
    }

    static RawPeer open(int port) throws InterruptedException {
        return new RawPeer(RawMqttClient.connect(port));
    }

    static MqttMessageBuilders.ConnectBuilder v5(String clientId, boolean cleanStart) {
        return MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(clientId).cleanSession(cleanStart).keepAlive(60);
    }

    static MqttMessageBuilders.ConnectBuilder v311(String clientId, boolean cleanSession) {
        return MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(clientId).cleanSession(cleanSession)
                .keepAlive(60);
    }

    static MqttProperties properties(MqttProperties.MqttPropertyType type, int value) {
        MqttProperties p = new MqttProperties();
        p.add(new MqttProperties.IntegerProperty(type.value(), value));
        return p;
    }

    MqttConnAckMessage connect(MqttConnectMessage connect) throws InterruptedException {
        raw.send(connect);
        return (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT);
    }

    void subscribe(int packetId, String filter, MqttQoS qos) throws InterruptedException {
        raw.subscribe(packetId, filter, qos);
        until(m -> m.fixedHeader().messageType() == MqttMessageType.SUBACK);
    }

    void publish(int packetId, String topic, String payload, MqttQoS qos, MqttProperties properties) {
        raw.send(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, qos, false, 0),
                new MqttPublishVariableHeader(topic, packetId, properties), Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)));
    }

    void acknowledge(MqttMessageType type, int packetId) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        raw.send(new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0), MqttMessageIdVariableHeader.from(packetId)));
    }

    /** The next PUBLISH from the broker, answered with its acknowledgement. */
    MqttPublishMessage nextPublish() throws InterruptedException {
        return (MqttPublishMessage) until(m -> m.fixedHeader().messageType() == MqttMessageType.PUBLISH);
    }

    /**
     * Reads packets until one matches {@code stop} and returns it, answering on the way (and that
     * one too) as a client does: PUBACK or PUBREC for a PUBLISH, PUBREL for a PUBREC, PUBCOMP for a PUBREL.
     */
    MqttMessage until(Predicate<MqttMessage> stop) throws InterruptedException {
        while (true) {
            MqttMessage m = raw.next(WAIT);
            answer(m);
            if (stop.test(m)) {
                return m;
            }
        }
    }

    private void answer(MqttMessage m) {
        switch (m.fixedHeader().messageType()) {
            case PUBLISH -> {
                MqttPublishMessage p = (MqttPublishMessage) m;
                if (p.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                    acknowledge(MqttMessageType.PUBACK, p.variableHeader().packetId());
                } else if (p.fixedHeader().qosLevel() == MqttQoS.EXACTLY_ONCE) {
                    acknowledge(MqttMessageType.PUBREC, p.variableHeader().packetId());
                }
            }
            case PUBREC -> acknowledge(MqttMessageType.PUBREL, packetId(m));
            case PUBREL -> acknowledge(MqttMessageType.PUBCOMP, packetId(m));
            default -> {
                // nothing to answer
            }
        }
    }

    /** Whatever the broker sent that no one read yet, without waiting. */
    java.util.List<MqttMessage> rest() {
        java.util.List<MqttMessage> out = new java.util.ArrayList<>();
        while (true) {
            try {
                out.add(raw.next(Duration.ZERO));
            } catch (AssertionError | InterruptedException none) {
                return out;
            }
        }
    }

    /**
     * A CONNECT at protocol {@code level} (4: 3.1.1, 5: MQTT 5; clean session, keep-alive 60) whose
     * protocol name is {@code name}: Netty's encoder writes only the real names.
     */
    static byte[] connectWithProtocolName(String name, int level, String clientId) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        int properties = level == 5 ? 1 : 0;
        int remaining = 2 + n.length + 1 + 1 + 2 + properties + 2 + id.length;
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(2 + remaining);
        out.put((byte) 0x10).put((byte) remaining).putShort((short) n.length).put(n).put((byte) level).put((byte) 0x02).putShort((short) 60);
        if (level == 5) {
            out.put((byte) 0); // no properties
        }
        out.putShort((short) id.length).put(id);
        return out.array();
    }

    /** The packets that arrive within {@code quiet}, answered as {@link #until} does. */
    java.util.List<MqttMessage> within(Duration quiet) throws InterruptedException {
        java.util.List<MqttMessage> out = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                MqttMessage m = raw.next(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                answer(m);
                out.add(m);
            } catch (AssertionError none) {
                break;
            }
        }
        return out;
    }

    static int packetId(MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    static int reasonCode(MqttMessage disconnect) {
        return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF;
    }

    static String payload(MqttPublishMessage p) {
        return p.payload().toString(StandardCharsets.UTF_8);
    }

    static Object property(MqttMessage m, MqttProperties.MqttPropertyType type) {
        MqttProperties props = m instanceof MqttPublishMessage p ? p.variableHeader().properties()
                : ((MqttConnAckMessage) m).variableHeader().properties();
        MqttProperties.MqttProperty<?> p = props.getProperty(type.value());
        return p == null ? null : p.value();
    }

    @Override
    public void close() {
        raw.close();
    }
}
