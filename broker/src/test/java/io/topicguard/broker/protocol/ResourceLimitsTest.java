package io.topicguard.broker.protocol;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.topicguard.broker.log.LimitEvents.Drop;
import io.topicguard.broker.log.LimitEvents.Limit;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.AllowAll;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each resource limit: reached, reported to the client where MQTT has a code for it, and counted. */
class ResourceLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Broker start(UnaryOperator<ProtocolLimits.Builder> limits) {
        return TestBroker.start(new AllowAll(), null, limits.apply(ProtocolLimits.defaults().toBuilder().connectTimeout(Duration.ofSeconds(5))).build());
    }

    private static RawMqttClient v5(Broker broker, String clientId, boolean clean, long expiry) throws InterruptedException {
        RawMqttClient raw = RawMqttClient.connect(broker.tcpPort());
        raw.connectV5(clientId, clean, expiry);
        MqttConnAckMessage ack = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT);
        assertThat(ack.variableHeader().connectReturnCode().byteValue()).isZero();
        return raw;
    }

    private static int publish(RawMqttClient raw, String topic, String payload, boolean retain, int packetId) throws InterruptedException {
        raw.send(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE).retained(retain).messageId(packetId)
                .payload(Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8))).build());
        return ((MqttPubReplyMessageVariableHeader) raw.next(MqttMessageType.PUBACK, WAIT).variableHeader()).reasonCode() & 0xFF;
    }

    private static List<Integer> subscribe(RawMqttClient raw, int packetId, String... filters) throws InterruptedException {
        var b = MqttMessageBuilders.subscribe().messageId(packetId);
        for (String f : filters) {
            b.addSubscription(MqttQoS.AT_LEAST_ONCE, f);
        }
        raw.send(b.build());
        return ((MqttSubAckMessage) raw.next(MqttMessageType.SUBACK, WAIT)).payload().reasonCodes();
    }

    @Test
    void subscriptionsPerClientAndFilterLength() throws Exception {
        try (Broker broker = start(b -> b.maximumSubscriptions(2).maximumFilterLength(20));
             RawMqttClient c = v5(broker, "subs", true, 0)) {
            assertThat(subscribe(c, 1, "a", "b", "c", "x".repeat(21))).containsExactly(1, 1, 0x97, 0x8F);
            assertThat(subscribe(c, 2, "a")).containsExactly(1); // replacing a held subscription is no new one
            assertThat(broker.limitEvents().reached(Limit.SUBSCRIPTIONS)).isEqualTo(1);
            assertThat(broker.limitEvents().reached(Limit.FILTER_LENGTH)).isEqualTo(1);
        }
    }

    @Test
    void topicLengthAndRetainedMessages() throws Exception {
        try (Broker broker = start(b -> b.maximumTopicLength(20).maximumRetained(2));
             RawMqttClient c = v5(broker, "pub", true, 0)) {
            assertThat(publish(c, "t/" + "x".repeat(19), "long", false, 1)).isEqualTo(0x90);
            assertThat(publish(c, "r/1", "one", true, 2)).isZero();
            assertThat(publish(c, "r/2", "two", true, 3)).isZero();
            assertThat(publish(c, "r/3", "three", true, 4)).isEqualTo(0x97);
            assertThat(publish(c, "r/1", "one again", true, 5)).isZero(); // replacing is within the limit
            assertThat(broker.limitEvents().reached(Limit.TOPIC_LENGTH)).isEqualTo(1);
            assertThat(broker.limitEvents().reached(Limit.RETAINED_MESSAGES)).isEqualTo(1);
        }
    }

    @Test
    void retainedBytes() throws Exception {
        try (Broker broker = start(b -> b.maximumRetainedBytes(100));
             RawMqttClient c = v5(broker, "pub-bytes", true, 0)) {
            assertThat(publish(c, "r/1", "x".repeat(60), true, 1)).isZero();
            assertThat(publish(c, "r/2", "x".repeat(60), true, 2)).isEqualTo(0x97);
            assertThat(broker.limitEvents().reached(Limit.RETAINED_BYTES)).isEqualTo(1);
        }
    }

    @Test
    void aFullQueueDropsTheNewestByDefaultAndTellsMqtt5Publishers() throws Exception {
        try (Broker broker = start(b -> b.maximumQueued(3))) {
            assertThat(awayAndBack(broker, "queue-newest")).containsExactly("m1", "m2", "m3");
            assertThat(broker.limitEvents().dropped(Drop.QUEUE_MESSAGES_FULL)).isEqualTo(2);
        }
    }

    @Test
    void aFullQueueCanDropTheOldestInstead() throws Exception {
        try (Broker broker = start(b -> b.maximumQueued(3).queueOverflow(ProtocolLimits.QueueOverflow.DROP_OLDEST))) {
            assertThat(awayAndBack(broker, "queue-oldest")).containsExactly("m3", "m4", "m5");
            assertThat(broker.limitEvents().dropped(Drop.QUEUE_MESSAGES_FULL)).isEqualTo(2);
        }
    }

    @Test
    void queuedBytesAreBoundedToo() throws Exception {
        try (Broker broker = start(b -> b.maximumQueuedBytes(10 + 3 * 2 * "q/queue-bytes".length()))) {
            assertThat(awayAndBack(broker, "queue-bytes")).containsExactly("m1", "m2", "m3");
            assertThat(broker.limitEvents().dropped(Drop.QUEUE_BYTES_FULL)).isEqualTo(2);
        }
    }

    /** Subscribes {@code id} persistently, leaves, has m1..m5 published, comes back and returns what it got. */
    private static List<String> awayAndBack(Broker broker, String id) throws Exception {
        try (RawMqttClient sub = v5(broker, id, true, 300)) {
            subscribe(sub, 1, "q/" + id);
        }
        // The broker must have seen the close: until then it would send to the old connection, not queue.
        await().atMost(WAIT).until(() -> !broker.client(id).orElseThrow().connected());
        List<Integer> codes = new ArrayList<>();
        try (RawMqttClient pub = v5(broker, id + "-pub", true, 0)) {
            for (int i = 1; i <= 5; i++) {
                codes.add(publish(pub, "q/" + id, "m" + i, false, i));
            }
        }
        boolean dropNewest = broker.limitEvents().dropped(Drop.QUEUE_MESSAGES_FULL) + broker.limitEvents().dropped(Drop.QUEUE_BYTES_FULL) > 0
                && codes.get(4) != 0;
        // Drop-newest: the last two could be queued for no subscriber (0x97); drop-oldest queues every one.
        assertThat(codes).isEqualTo(dropNewest ? List.of(0, 0, 0, 0x97, 0x97) : List.of(0, 0, 0, 0, 0));
        List<String> got = new ArrayList<>();
        try (RawMqttClient sub = v5(broker, id, false, 300)) {
            for (int i = 0; i < 3; i++) {
                MqttPublishMessage m = (MqttPublishMessage) sub.next(MqttMessageType.PUBLISH, WAIT);
                got.add(m.payload().toString(StandardCharsets.UTF_8));
                m.release();
            }
        }
        return got;
    }

    @Test
    void sessionsAreBounded() throws Exception {
        try (Broker broker = start(b -> b.maximumSessions(2));
             RawMqttClient one = v5(broker, "s1", true, 0);
             RawMqttClient two = v5(broker, "s2", true, 0);
             RawMqttClient three = RawMqttClient.connect(broker.tcpPort())) {
            three.connectV5("s3", true, 0);
            MqttConnAckMessage refused = (MqttConnAckMessage) three.next(MqttMessageType.CONNACK, WAIT);
            assertThat(refused.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 0x97);
            assertThat(broker.limitEvents().reached(Limit.SESSIONS)).isEqualTo(1);
        }
    }

    @Test
    void sessionExpiryIsCappedAndMqtt311PersistentSessionsExpire() throws Exception {
        try (Broker broker = start(b -> b.maximumSessionExpiry(1))) {
            try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
                raw.connectV5("long-expiry", true, 3600);
                MqttConnAckMessage ack = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT);
                MqttProperties.MqttProperty<?> expiry = ack.variableHeader().properties()
                        .getProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
                assertThat(expiry.value()).isEqualTo(1);
            }
            try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
                raw.connectV3("v3-persistent", false, 60);
                raw.next(MqttMessageType.CONNACK, WAIT);
            }
            await().atMost(WAIT).until(() -> broker.client("v3-persistent").isEmpty() && broker.client("long-expiry").isEmpty());
        }
    }

    @Test
    void keepAliveIsCapped() throws Exception {
        try (Broker broker = start(b -> b.maximumKeepAlive(30))) {
            try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
                raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("ka5").cleanSession(true).keepAlive(0).build());
                MqttConnAckMessage ack = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT);
                assertThat(ack.variableHeader().properties().getProperty(MqttProperties.MqttPropertyType.SERVER_KEEP_ALIVE.value()).value())
                        .isEqualTo(30);
            }
            try (RawMqttClient raw = RawMqttClient.connect(broker.tcpPort())) {
                raw.connectV3("ka3", true, 60);
                MqttConnAckMessage ack = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT);
                assertThat(ack.variableHeader().connectReturnCode().byteValue()).isEqualTo((byte) 2);
            }
            assertThat(broker.limitEvents().reached(Limit.KEEP_ALIVE)).isEqualTo(1);
        }
    }
}
