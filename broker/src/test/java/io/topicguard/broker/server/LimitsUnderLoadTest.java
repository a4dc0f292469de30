package io.topicguard.broker.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.topicguard.broker.log.LimitEvents.Drop;
import io.topicguard.broker.log.LimitEvents.Limit;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.testing.AllowAll;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Not a benchmark: many clients push against every limit at once — persistent sessions
 * subscribing past their quota and then away while 24 MB is published to them, 24 MB of retained
 * messages on distinct topics, more sessions than allowed — and the broker's heap stays bounded
 * by its limits while every limit is counted. Sized to run in seconds.
 */
class LimitsUnderLoadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SUBSCRIBERS = 200;
    private static final int MESSAGES = 1_500;
    private static final int PAYLOAD = 16 * 1024;

    @Test
    void heapStaysBoundedAndEveryLimitIsCounted() throws Exception {
        ProtocolLimits limits = ProtocolLimits.defaults().toBuilder().connectTimeout(Duration.ofSeconds(10))
                .maximumQueuedBytes(64 * 1024).maximumRetained(1_000).maximumRetainedBytes(1 << 20).maximumSubscriptions(5)
                .maximumSessions(250).build();
        try (Broker broker = TestBroker.start(new AllowAll(), null, limits)) {
            long heapBefore = usedHeapAfterGc();
            List<RawMqttClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < SUBSCRIBERS; i++) {
                    try (RawMqttClient sub = connect(broker, "load-sub-" + i, 300)) {
                        var subscribe = MqttMessageBuilders.subscribe().messageId(1);
                        for (int f = 0; f < 7; f++) {
                            subscribe.addSubscription(MqttQoS.AT_LEAST_ONCE, f == 0 ? "load/all" : "load/" + i + "/" + f);
                        }
                        sub.send(subscribe.build());
                        List<Integer> codes = ((MqttSubAckMessage) sub.next(MqttMessageType.SUBACK, WAIT)).payload().reasonCodes();
                        assertThat(codes).containsExactly(1, 1, 1, 1, 1, 0x97, 0x97);
                    } // away: the session keeps its subscriptions and queues for it
                }
                // The broker must have seen every close: until then it sends to the old connections rather than queue.
                await().atMost(WAIT).until(() -> broker.status().connectedClients() == 0);
                try (RawMqttClient pub = connect(broker, "load-pub", 0)) {
                    for (int i = 0; i < MESSAGES; i++) {
                        pub.send(publish("load/all", i, false, 2 * i + 1));
                        pub.send(publish("load/retained/" + i, i, true, 2 * i + 2));
                    }
                    int quotaExceeded = 0;
                    for (int i = 0; i < 2 * MESSAGES; i++) {
                        var ack = (MqttPubReplyMessageVariableHeader) pub.next(MqttMessageType.PUBACK, WAIT).variableHeader();
                        quotaExceeded += ack.reasonCode() == (byte) 0x97 ? 1 : 0;
                    }
                    assertThat(quotaExceeded).isPositive();
                }
                // 200 away sessions; 50 more fit, the rest are refused.
                int refused = 0;
                for (int i = 0; i < 60; i++) {
                    RawMqttClient extra = RawMqttClient.connect(broker.tcpPort());
                    open.add(extra);
                    extra.connectV5("load-extra-" + i, true, 300);
                    MqttConnAckMessage ack = (MqttConnAckMessage) extra.next(MqttMessageType.CONNACK, WAIT);
                    refused += ack.variableHeader().connectReturnCode().byteValue() == (byte) 0x97 ? 1 : 0;
                }
                assertThat(refused).isEqualTo(10);

                long grown = usedHeapAfterGc() - heapBefore;
                // Published: 24 MB to the sessions (each holds at most 64 KiB) and 24 MB retained (at most 1 MiB kept).
                assertThat(grown).as("heap growth in bytes").isLessThan(16L << 20);
                assertThat(broker.limitEvents().reached(Limit.SUBSCRIPTIONS)).isEqualTo(2L * SUBSCRIBERS);
                // 64 KiB holds three messages of 16 KiB and an 8-character topic (16,400 bytes each).
                assertThat(broker.limitEvents().dropped(Drop.QUEUE_BYTES_FULL)).isEqualTo((long) SUBSCRIBERS * (MESSAGES - 3));
                assertThat(broker.limitEvents().reached(Limit.RETAINED_BYTES)).isGreaterThan(MESSAGES - 70L);
                assertThat(broker.limitEvents().reached(Limit.SESSIONS)).isEqualTo(10);
                assertThat(broker.client("load-sub-0").orElseThrow().queuedMessages()).isEqualTo(3);
            } finally {
                open.forEach(RawMqttClient::close);
            }
        }
    }

    private static RawMqttClient connect(Broker broker, String clientId, long expiry) throws InterruptedException {
        RawMqttClient raw = RawMqttClient.connect(broker.tcpPort());
        raw.connectV5(clientId, true, expiry);
        assertThat(((MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT)).variableHeader().connectReturnCode().byteValue()).isZero();
        return raw;
    }

    /** A QoS 1 message whose payload is {@value #PAYLOAD} bytes of its own, so that nothing is shared between messages. */
    private static io.netty.handler.codec.mqtt.MqttPublishMessage publish(String topic, int n, boolean retain, int packetId) {
        byte[] payload = new byte[PAYLOAD];
        payload[0] = (byte) n;
        return MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_LEAST_ONCE).retained(retain).messageId(packetId & 0xFFFF)
                .payload(Unpooled.wrappedBuffer(payload)).build();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
