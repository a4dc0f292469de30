package io.topicguard.broker.interop;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.ClientView;
import io.topicguard.broker.interop.PahoV5.Arrived;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttConnAck;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Our port of the Eclipse Paho interoperability suite's MQTT 5 client tests
 * (github.com/eclipse/paho.mqtt.testing, interoperability/client_test5.py as of commit
 * 1bfd446d216fac9bf38e5d2d876ee9c3465a26c9): one method per suite test, named as there, doing
 * what it does with Paho Java MQTT 5 clients, or a raw client (Netty's codec) where Paho cannot:
 * a client that never pings or stops acknowledging, a topic alias of the client's own, a packet
 * above the broker's maximum, a flow-control overrun, server topic aliases (Paho Java 1.2.5
 * mishandles received ones). Written from reading the suite, not translated from it.
 *
 * <p>As the suite does, every topic is under {@code client_test5/}. Where the suite sleeps and then
 * counts, the port waits for each expected message and proves an absence with a sentinel
 * ({@link PahoV5#beforeSentinel}). Intervals the suite measures in seconds (keep-alive, session
 * expiry, message expiry, will delay) are the smallest that keep each test's point; where the
 * point is that time passed, the test lets it pass ({@link #secondsPass}). Each test gets a fresh
 * broker ({@link SuiteBroker#v5()}), standing in for the suite's clean-up.
 */
class PahoInterop5Test {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PREFIX = "client_test5/";
    private static final String[] TOPICS = prefixed("TopicA", "TopicA/B", "Topic/C", "TopicA/C", "/TopicA");
    private static final String[] WILDTOPICS = prefixed("TopicA/+", "+/C", "#", "/#", "/+", "+/+", "TopicA/#");
    private static final List<String> USER_PROPERTIES = List.of("a=2", "c=3");

    private Broker broker;
    private int port;

    private static String[] prefixed(String... topics) {
        return java.util.Arrays.stream(topics).map(t -> PREFIX + t).toArray(String[]::new);
    }

    @BeforeEach
    void startBroker() {
        broker = SuiteBroker.v5();
        port = broker.tcpPort();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private PahoV5 client(String clientId) throws Exception {
        return PahoV5.create(port, clientId);
    }

    private static MqttConnectionOptions withSessionExpiry(boolean cleanStart, long seconds) {
        MqttConnectionOptions o = PahoV5.options(cleanStart);
        o.setSessionExpiryInterval(seconds);
        return o;
    }

    private static org.eclipse.paho.mqttv5.common.packet.MqttProperties sessionExpiry(long seconds) {
        org.eclipse.paho.mqttv5.common.packet.MqttProperties p = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
        p.setSessionExpiryInterval(seconds);
        return p;
    }

    private static org.eclipse.paho.mqttv5.common.packet.MqttProperties userProperties() {
        org.eclipse.paho.mqttv5.common.packet.MqttProperties p = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
        p.setUserProperties(List.of(new UserProperty("a", "2"), new UserProperty("c", "3")));
        return p;
    }

    private static List<String> userProperties(Arrived a) {
        return a.properties().getUserProperties().stream().map(u -> u.getKey() + "=" + u.getValue()).toList();
    }

    private static int reasonCode(IMqttToken connect) {
        return ((MqttConnAck) connect.getResponse()).getReturnCode();
    }

    private static MqttSubscription subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {
        MqttSubscription s = new MqttSubscription(filter, qos);
        s.setNoLocal(noLocal);
        s.setRetainAsPublished(retainAsPublished);
        s.setRetainHandling(retainHandling);
        return s;
    }

    /** Lets {@code seconds} go by: the tests of expiry are about time passing, not about waiting for an event. */
    private static void secondsPass(double seconds) {
        long millis = (long) (seconds * 1000);
        await().pollDelay(Duration.ofMillis(millis)).atMost(Duration.ofMillis(millis + 5_000)).until(() -> true);
    }

    private boolean connected(String clientId) {
        return broker.client(clientId).map(ClientView::connected).orElse(false);
    }

    @Test
    void test_basic() throws Exception {
        try (PahoV5 a = client("myclientid")) {
            a.connect(true);
            a.disconnect();

            assertThat(reasonCode(a.connect(true))).isZero();
            a.subscribe(TOPICS[0], 2);
            a.publish(TOPICS[0], "qos 0", 0);
            a.publish(TOPICS[0], "qos 1", 1);
            a.publish(TOPICS[0], "qos 2", 2);
            assertThat(a.next(3)).extracting(Arrived::payload).containsExactly("qos 0", "qos 1", "qos 2");
            a.disconnect();
        }

        // A second CONNECT on the same connection is a protocol error: the connection is closed.
        try (RawPeer a = RawPeer.open(port)) {
            assertThat(a.connect(RawPeer.v5("myclientid", true).build()).variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            a.raw.send(RawPeer.v5("myclientid", true).build());
            assertThat(a.raw.awaitClosed(WAIT)).isTrue();
        }

        // Protocol name "hj": never accepted.
        try (RawPeer a = RawPeer.open(port)) {
            a.raw.sendBytes(RawPeer.connectWithProtocolName("hj", 5, "myclientid"));
            assertThat(a.raw.awaitClosed(WAIT)).isTrue();
            assertThat(a.rest()).noneMatch(m -> m instanceof MqttConnAckMessage ack
                    && ack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED);
        }
    }

    @Test
    void test_retained_message() throws Exception {
        try (PahoV5 a = client("myclientid")) {
            a.connect(true);
            a.publish(TOPICS[1], "qos 0", 0, true, userProperties());
            a.publish(TOPICS[2], "qos 1", 1, true, userProperties());
            a.publish(TOPICS[3], "qos 2", 2, true, userProperties());
            a.subscribe(WILDTOPICS[5], 2);
            List<Arrived> retained = a.next(3);
            a.disconnect();

            for (Arrived r : retained) {
                assertThat(userProperties(r)).containsExactlyInAnyOrderElementsOf(USER_PROPERTIES);
            }
            assertThat(retained).extracting(Arrived::qos).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    void test_will_message() throws Exception {
        try (PahoV5 b = client("myclientid2")) {
            b.connect(false);
            b.subscribe(TOPICS[2], 2);
            // Client a never pings, so its keep-alive runs out (1 s here, 2 s in the suite): Paho would ping, so raw.
            MqttProperties willProperties = RawPeer.properties(MqttPropertyType.WILL_DELAY_INTERVAL, 0);
            MqttProperties.UserProperties user = new MqttProperties.UserProperties();
            user.add("a", "2");
            user.add("c", "3");
            willProperties.add(user);
            try (RawPeer a = RawPeer.open(port)) {
                a.connect(RawPeer.v5("myclientid", true).keepAlive(1).willFlag(true).willTopic(TOPICS[2])
                        .willMessage("will message".getBytes(StandardCharsets.UTF_8)).willQoS(MqttQoS.EXACTLY_ONCE)
                        .willProperties(willProperties).build());
                Arrived will = b.next();
                assertThat(will.payload()).isEqualTo("will message");
                assertThat(userProperties(will)).containsExactlyElementsOf(USER_PROPERTIES);
            }
            b.disconnect();
        }
    }

    @Test
    void test_zero_length_clientid() throws Exception {
        // MQTT 5 admits an empty client id with clean start 0 too: the broker assigns one.
        try (PahoV5 zero = client("")) {
            assertThat(reasonCode(zero.connect(false))).isZero();
            zero.disconnect();
            assertThat(reasonCode(zero.connect(true))).isZero();
            zero.disconnect();
        }
    }

    @Test
    void test_offline_message_queueing() throws Exception {
        try (PahoV5 a = client("myclientid"); PahoV5 b = client("myclientid2")) {
            a.connect(withSessionExpiry(true, 99999));
            a.subscribe(WILDTOPICS[5], 2);
            a.disconnect();

            b.connect(true);
            b.publish(TOPICS[1], "qos 0", 0);
            b.publish(TOPICS[2], "qos 1", 1);
            b.publish(TOPICS[3], "qos 2", 2);
            b.publish(TOPICS[1], RawPeer.SENTINEL, 2); // queued after them: the broker keeps b's order
            b.disconnect();

            a.connect(false);
            List<Arrived> queued = a.beforeSentinel();
            a.disconnect();
            // The suite takes 2 or 3: a broker may or may not queue QoS 0 for an absent client (ours does not).
            assertThat(queued).hasSizeBetween(2, 3);
            assertThat(queued).extracting(Arrived::payload).contains("qos 1", "qos 2");
        }
    }

    @Test
    void test_overlapping_subscriptions() throws Exception {
        try (PahoV5 a = client("myclientid")) {
            a.connect(true);
            a.subscribe(null, new MqttSubscription(WILDTOPICS[6], 2), new MqttSubscription(WILDTOPICS[0], 1));
            a.publish(TOPICS[3], "overlapping topic filters", 2);
            a.publish(TOPICS[1], RawPeer.SENTINEL, 2);
            List<Integer> qos = a.beforeSentinel().stream().map(Arrived::qos).toList();
            // One message at the highest QoS of the matching subscriptions, or one per subscription.
            assertThat(qos).isIn(List.of(2), List.of(2, 1), List.of(1, 2));
            a.disconnect();
        }
    }

    @Test
    void test_keepalive() throws Exception {
        try (PahoV5 b = client("myclientid2")) {
            MqttConnectionOptions noKeepAlive = PahoV5.options(true);
            noKeepAlive.setKeepAliveInterval(0);
            b.connect(noKeepAlive);
            b.subscribe(TOPICS[4], 2);
            // Client a never sends anything after CONNECT: keep-alive 1 s, not the suite's 5, to keep the run short.
            try (RawPeer a = RawPeer.open(port)) {
                a.connect(RawPeer.v5("myclientid", true).keepAlive(1).willFlag(true).willTopic(TOPICS[4])
                        .willMessage("keepalive expiry".getBytes(StandardCharsets.UTF_8)).willQoS(MqttQoS.EXACTLY_ONCE).build());
                assertThat(b.next().payload()).isEqualTo("keepalive expiry");
                assertThat(RawPeer.reasonCode(a.raw.next(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x8D); // keep alive timeout
            }
            b.disconnect();
        }
    }

    @Test
    void test_redelivery_on_reconnect() throws Exception {
        MqttProperties longSession = RawPeer.properties(MqttPropertyType.SESSION_EXPIRY_INTERVAL, 99999);
        // Client b stops acknowledging what it is sent (the suite's pause()): Paho Java always acknowledges, so raw.
        try (RawPeer b = RawPeer.open(port)) {
            b.connect(RawPeer.v5("myclientid2", false).properties(longSession).build());
            b.subscribe(1, WILDTOPICS[6], MqttQoS.EXACTLY_ONCE);
            b.publish(2, TOPICS[1], "", MqttQoS.AT_LEAST_ONCE, MqttProperties.NO_PROPERTIES);
            b.publish(3, TOPICS[3], "", MqttQoS.EXACTLY_ONCE, MqttProperties.NO_PROPERTIES);
            List<MqttPublishMessage> unacknowledged = new ArrayList<>();
            boolean completed = false;
            while (unacknowledged.size() < 2 || !completed) {
                MqttMessage m = b.raw.next(WAIT);
                switch (m.fixedHeader().messageType()) {
                    case PUBLISH -> unacknowledged.add((MqttPublishMessage) m); // received, never acknowledged
                    case PUBREC -> b.acknowledge(MqttMessageType.PUBREL, RawPeer.packetId(m)); // b's own QoS 2 publish completes
                    case PUBCOMP -> completed = true;
                    default -> {
                        // PUBACK of b's QoS 1 publish
                    }
                }
            }
            assertThat(unacknowledged).extracting(p -> p.variableHeader().topicName()).containsExactly(TOPICS[1], TOPICS[3]);
            b.raw.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0)));
            assertThat(b.raw.awaitClosed(WAIT)).isTrue();
        }
        try (RawPeer b = RawPeer.open(port)) {
            assertThat(b.connect(RawPeer.v5("myclientid2", false).properties(longSession).build()).variableHeader().isSessionPresent())
                    .isTrue();
            List<MqttPublishMessage> resent = List.of(b.nextPublish(), b.nextPublish());
            assertThat(resent).extracting(p -> p.variableHeader().topicName()).containsExactly(TOPICS[1], TOPICS[3]);
            assertThat(resent).allMatch(p -> p.fixedHeader().isDup());
        }
    }

    /** The one suite test this broker does not pass, by design: docs/broker.md, Interoperability. */
    @Disabled("the suite wants SUBACK 0x80 (Unspecified error); topicguard answers a subscription its policy refuses with 0x87 "
            + "(Not authorized), the reason code MQTT 5 has for exactly this (docs/broker.md, Authorization)")
    @Test
    void test_subscribe_failure() throws Exception {
        try (PahoV5 a = client("myclientid")) {
            a.connect(true);
            assertThat(a.subscribe(SuiteBroker.NOSUBSCRIBE, 2)[0]).isEqualTo(0x80);
        }
    }

    @Test
    void test_dollar_topics() throws Exception {
        try (PahoV5 b = client("myclientid2")) {
            MqttConnectionOptions noKeepAlive = PahoV5.options(true);
            noKeepAlive.setKeepAliveInterval(0);
            b.connect(noKeepAlive);
            b.subscribe(WILDTOPICS[5], 2);
            b.publish("$" + TOPICS[1], "", 1);
            b.publish(TOPICS[1], RawPeer.SENTINEL, 2);
            assertThat(b.beforeSentinel()).isEmpty();
            b.disconnect();
        }
    }

    @Test
    void test_unsubscribe() throws Exception {
        try (PahoV5 a = client("myclientid"); PahoV5 b = client("myclientid2")) {
            b.connect(true);
            b.subscribe(TOPICS[0], 2);
            b.subscribe(TOPICS[1], 2);
            b.subscribe(TOPICS[2], 2);
            b.client.unsubscribe(TOPICS[0]).waitForCompletion(WAIT.toMillis());

            a.connect(true);
            a.publish(TOPICS[0], "topic 0 - unsubscribed", 1);
            a.publish(TOPICS[1], "topic 1", 1);
            a.publish(TOPICS[2], "topic 2", 1);
            // In a's order: had topic 0 still been subscribed, it would have come first.
            assertThat(b.next(2)).extracting(Arrived::payload).containsExactly("topic 1", "topic 2");
            b.disconnect();
            a.disconnect();
        }
    }

    @Test
    void test_session_expiry() throws Exception {
        try (PahoV5 a = client("myclientid")) {
            IMqttToken connack = a.connect(withSessionExpiry(true, 0));
            assertThat(reasonCode(connack)).isZero();
            assertThat(connack.getSessionPresent()).isFalse();
            a.subscribe(TOPICS[0], 2);
            a.disconnect();

            // Expiry 0: the session ends with the connection.
            connack = a.connect(withSessionExpiry(false, 0));
            assertThat(connack.getSessionPresent()).isFalse();
            a.disconnect();

            // Expiry 2 s (5 in the suite): there just after, gone once it passed.
            connack = a.connect(withSessionExpiry(true, 2));
            assertThat(connack.getSessionPresent()).isFalse();
            a.subscribe(TOPICS[0], 2);
            a.disconnect();
            connack = a.connect(withSessionExpiry(false, 2));
            assertThat(connack.getSessionPresent()).isTrue();
            a.disconnect();
            await().atMost(WAIT).until(() -> broker.client("myclientid").isEmpty());
            connack = a.connect(withSessionExpiry(false, 2));
            assertThat(reasonCode(connack)).isZero();
            assertThat(connack.getSessionPresent()).isFalse();
            a.disconnect();

            // Expiry 1 s at CONNECT, 60 s at DISCONNECT (5 in the suite): the session outlives the first.
            connack = a.connect(withSessionExpiry(true, 1));
            assertThat(connack.getSessionPresent()).isFalse();
            a.subscribe(TOPICS[0], 2);
            a.disconnect(sessionExpiry(60));
            secondsPass(2);
            connack = a.connect(withSessionExpiry(false, 1));
            assertThat(connack.getSessionPresent()).isTrue();
            a.disconnect(sessionExpiry(0)); // and 0 at DISCONNECT ends it at once

            connack = a.connect(withSessionExpiry(false, 1));
            assertThat(connack.getSessionPresent()).isFalse();
            a.disconnect();
        }
    }

    @Test
    void test_user_properties() throws Exception {
        try (PahoV5 a = client("myclientid")) {
            a.connect(true);
            a.subscribe(TOPICS[0], 2);
            a.publish(TOPICS[0], "", 0, false, userProperties());
            a.publish(TOPICS[0], "", 1, false, userProperties());
            a.publish(TOPICS[0], "", 2, false, userProperties());
            List<Arrived> got = a.next(3);
            a.disconnect();
            for (Arrived r : got) {
                assertThat(userProperties(r)).containsExactlyInAnyOrderElementsOf(USER_PROPERTIES);
            }
            assertThat(got).extracting(Arrived::qos).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    void test_payload_format() throws Exception {
        try (PahoV5 a = client("myclientid")) {
            a.connect(true);
            a.subscribe(TOPICS[0], 2);
            org.eclipse.paho.mqttv5.common.packet.MqttProperties p = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            p.setPayloadFormat(true);
            p.setContentType("My name");
            a.publish(TOPICS[0], "", 0, false, p);
            a.publish(TOPICS[0], "", 1, false, p);
            a.publish(TOPICS[0], "", 2, false, p);
            List<Arrived> got = a.next(3);
            a.disconnect();
            for (Arrived r : got) {
                assertThat(r.properties().getContentType()).isEqualTo("My name");
                assertThat(r.properties().getPayloadFormat()).isTrue();
            }
            assertThat(got).extracting(Arrived::qos).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    void test_publication_expiry() throws Exception {
        try (PahoV5 a = client("myclientid"); PahoV5 b = client("myclientid2")) {
            b.connect(withSessionExpiry(true, 99999));
            b.subscribe(TOPICS[0], 2);
            b.disconnect(sessionExpiry(999999999));

            a.connect(true);
            org.eclipse.paho.mqttv5.common.packet.MqttProperties p = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            p.setMessageExpiryInterval(1L);
            a.publish(TOPICS[0], "qos 1 - expire", 1, false, p);
            a.publish(TOPICS[0], "qos 2 - expire", 2, false, p);
            p.setMessageExpiryInterval(6L);
            a.publish(TOPICS[0], "qos 1 - don't expire", 1, false, p);
            a.publish(TOPICS[0], "qos 2 - don't expire", 2, false, p);
            a.publish(TOPICS[0], RawPeer.SENTINEL, 2); // queued after them: the broker keeps a's order

            secondsPass(2); // the suite waits 3 s: past the first two messages' 1 s, within the others' 6
            b.connect(false);
            List<Arrived> got = b.beforeSentinel();
            assertThat(got).extracting(Arrived::payload).containsExactly("qos 1 - don't expire", "qos 2 - don't expire");
            for (Arrived r : got) {
                assertThat(r.properties().getMessageExpiryInterval()).isLessThan(6L); // what remains is forwarded
            }
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void test_subscribe_options() throws Exception {
        try (PahoV5 a = client("myclientid"); PahoV5 b = client("myclientid2")) {
            // noLocal
            a.connect(true);
            b.connect(true);
            a.subscribe(null, subscription(TOPICS[0], 2, true, false, 0));
            b.subscribe(null, subscription(TOPICS[0], 2, true, false, 0));
            a.publish(TOPICS[0], "noLocal test", 1);
            b.publish(TOPICS[0], RawPeer.SENTINEL, 2); // for a, not for b
            a.publish(TOPICS[0], RawPeer.SENTINEL, 2); // for b, not for a
            assertThat(a.beforeSentinel()).isEmpty();
            assertThat(b.beforeSentinel()).extracting(Arrived::payload).containsExactly("noLocal test");
            a.disconnect();
            b.disconnect();

            // retainAsPublished
            a.connect(true);
            a.subscribe(null, subscription(TOPICS[0], 2, false, true, 0));
            a.publish(TOPICS[0], "retain as published false", 1, false, null);
            a.publish(TOPICS[0], "retain as published true", 1, true, null);
            assertThat(a.next(2)).extracting(r -> r.message().isRetained()).containsExactly(false, true);
            a.disconnect();

            // retainHandling 1: retained messages only for a new subscription
            a.connect(true);
            a.publish(TOPICS[1], "qos 0", 0, true, null);
            a.publish(TOPICS[2], "qos 1", 1, true, null);
            a.publish(TOPICS[3], "qos 2", 2, true, null);
            a.subscribe(null, subscription(WILDTOPICS[5], 2, false, false, 1));
            assertThat(a.next(3)).extracting(Arrived::qos).containsExactlyInAnyOrder(0, 1, 2);
            a.subscribe(null, subscription(WILDTOPICS[5], 2, false, false, 1));
            a.publish(TOPICS[1], RawPeer.SENTINEL, 2);
            assertThat(a.beforeSentinel()).isEmpty();
            a.disconnect();

            // retainHandling 2: never
            a.connect(true);
            a.subscribe(null, subscription(WILDTOPICS[5], 2, false, false, 2));
            a.publish(TOPICS[1], RawPeer.SENTINEL, 2);
            assertThat(a.beforeSentinel()).isEmpty();
            a.subscribe(null, subscription(WILDTOPICS[5], 2, false, false, 2));
            a.publish(TOPICS[1], RawPeer.SENTINEL, 2);
            assertThat(a.beforeSentinel()).isEmpty();
            a.disconnect();

            // retainHandling 0: at every subscribe
            a.connect(true);
            a.subscribe(null, subscription(WILDTOPICS[5], 2, false, false, 0));
            assertThat(a.next(3)).extracting(Arrived::qos).containsExactlyInAnyOrder(0, 1, 2);
            a.subscribe(null, subscription(WILDTOPICS[5], 2, false, false, 0));
            assertThat(a.next(3)).extracting(Arrived::qos).containsExactlyInAnyOrder(0, 1, 2);
            a.disconnect();
        }
    }

    @Test
    void test_assigned_clientid() throws Exception {
        try (PahoV5 noId = client("")) {
            IMqttToken connack = noId.connect(true);
            noId.disconnect();
            assertThat(connack.getResponseProperties().getAssignedClientIdentifier()).isNotEmpty();
        }
    }

    @Test
    void test_subscribe_identifiers() throws Exception {
        try (PahoV5 a = client("myclientid"); PahoV5 b = client("myclientid2")) {
            a.connect(true);
            org.eclipse.paho.mqttv5.common.packet.MqttProperties id = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            id.setSubscriptionIdentifier(456789);
            a.subscribe(id, new MqttSubscription(TOPICS[0], 2));

            b.connect(true);
            id.setSubscriptionIdentifier(2);
            b.subscribe(id, new MqttSubscription(TOPICS[0], 2));
            id.setSubscriptionIdentifier(3);
            b.subscribe(id, new MqttSubscription(TOPICS[0] + "/#", 2));

            b.publish(TOPICS[0], "sub identifier test", 1);
            b.publish(TOPICS[0], RawPeer.SENTINEL, 2);

            List<Arrived> atA = a.beforeSentinel();
            assertThat(atA).hasSize(1);
            assertThat(atA.get(0).properties().getSubscriptionIdentifiers()).containsExactly(456789);
            a.disconnect();

            List<Arrived> atB = b.beforeSentinel();
            assertThat(atB).hasSize(1);
            assertThat(new HashSet<>(atB.get(0).properties().getSubscriptionIdentifiers())).isEqualTo(Set.of(2, 3));
            b.disconnect();
        }
    }

    @Test
    void test_request_response() throws Exception {
        try (PahoV5 a = client("myclientid"); PahoV5 b = client("myclientid2")) {
            a.connect(true);
            b.connect(true);
            a.subscribe(null, subscription(TOPICS[0], 2, true, false, 0));
            b.subscribe(null, subscription(TOPICS[0], 2, true, false, 0));

            // a is the requester
            org.eclipse.paho.mqttv5.common.packet.MqttProperties request = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            request.setResponseTopic(TOPICS[0]);
            request.setCorrelationData("334".getBytes(StandardCharsets.UTF_8));
            a.publish(TOPICS[0], "request", 1, false, request);

            // b is the responder
            Arrived asked = b.next();
            assertThat(asked.properties().getResponseTopic()).isEqualTo(TOPICS[0]);
            assertThat(asked.properties().getCorrelationData()).isEqualTo("334".getBytes(StandardCharsets.UTF_8));
            org.eclipse.paho.mqttv5.common.packet.MqttProperties response = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            response.setResponseTopic(asked.properties().getResponseTopic());
            response.setCorrelationData(asked.properties().getCorrelationData());
            b.publish(asked.properties().getResponseTopic(), "response", 1, false, response);

            // a gets the response
            Arrived answered = a.next();
            assertThat(answered.payload()).isEqualTo("response");
            assertThat(answered.properties().getCorrelationData()).isEqualTo("334".getBytes(StandardCharsets.UTF_8));
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void test_client_topic_alias() throws Exception {
        // Paho Java picks its own topic aliases: the suite's aliases (0, then 1 reused across a reconnect) need a raw client.
        try (RawPeer a = RawPeer.open(port)) {
            a.connect(RawPeer.v5("myclientid", true).build());
            a.publish(1, TOPICS[0], "topic alias 0", MqttQoS.AT_LEAST_ONCE, RawPeer.properties(MqttPropertyType.TOPIC_ALIAS, 0));
            MqttMessage disconnect = a.until(m -> m.fixedHeader().messageType() == MqttMessageType.DISCONNECT);
            assertThat(RawPeer.reasonCode(disconnect)).isEqualTo(0x94); // topic alias invalid
        }

        MqttProperties noServerAliases = RawPeer.properties(MqttPropertyType.TOPIC_ALIAS_MAXIMUM, 0);
        noServerAliases.add(new MqttProperties.IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 99999));
        try (RawPeer a = RawPeer.open(port)) {
            MqttConnAckMessage connack = a.connect(RawPeer.v5("myclientid", true).properties(noServerAliases).build());
            // The suite stops here when the broker takes no aliases; this one takes up to 64.
            assertThat((Integer) RawPeer.property(connack, MqttPropertyType.TOPIC_ALIAS_MAXIMUM)).isPositive();
            a.subscribe(1, TOPICS[0], MqttQoS.EXACTLY_ONCE);
            MqttProperties alias1 = RawPeer.properties(MqttPropertyType.TOPIC_ALIAS, 1);
            a.publish(2, TOPICS[0], "topic alias 1", MqttQoS.AT_LEAST_ONCE, alias1);
            assertThat(RawPeer.payload(a.nextPublish())).isEqualTo("topic alias 1");
            a.publish(3, "", "topic alias 2", MqttQoS.AT_LEAST_ONCE, alias1);
            MqttPublishMessage second = a.nextPublish();
            assertThat(RawPeer.payload(second)).isEqualTo("topic alias 2");
            assertThat(second.variableHeader().topicName()).isEqualTo(TOPICS[0]);
            a.raw.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0)));
            assertThat(a.raw.awaitClosed(WAIT)).isTrue();
        }

        // A reconnect keeps the subscription, not the aliases.
        try (RawPeer a = RawPeer.open(port)) {
            assertThat(a.connect(RawPeer.v5("myclientid", false).build()).variableHeader().isSessionPresent()).isTrue();
            a.publish(1, TOPICS[0], "topic alias 3", MqttQoS.AT_LEAST_ONCE, MqttProperties.NO_PROPERTIES);
            assertThat(RawPeer.payload(a.nextPublish())).isEqualTo("topic alias 3");
            a.publish(2, "", "topic alias 4", MqttQoS.AT_LEAST_ONCE, RawPeer.properties(MqttPropertyType.TOPIC_ALIAS, 1));
            MqttMessage disconnect = a.until(m -> m.fixedHeader().messageType() == MqttMessageType.DISCONNECT);
            assertThat(RawPeer.reasonCode(disconnect)).isEqualTo(0x82); // protocol error: an alias never set on this connection
        }
    }

    @Test
    void test_server_topic_alias() throws Exception {
        // Paho Java 1.2.5 mishandles aliases it receives (paho.mqtt.java#866): a raw client reads them as sent.
        List<MqttPublishMessage> got = serverAliasRound(RawPeer.properties(MqttPropertyType.TOPIC_ALIAS_MAXIMUM, 1));
        Object alias = RawPeer.property(got.get(0), MqttPropertyType.TOPIC_ALIAS);
        assertThat(alias).isNotNull();
        assertThat((Integer) alias).isPositive();
        assertThat(got.get(0).variableHeader().topicName()).isEqualTo(TOPICS[0]);
        for (MqttPublishMessage later : got.subList(1, 3)) {
            assertThat(RawPeer.property(later, MqttPropertyType.TOPIC_ALIAS)).isEqualTo(alias);
            assertThat(later.variableHeader().topicName()).isEmpty();
        }

        // No Topic Alias Maximum (default 0), then an explicit 0: no aliases.
        for (MqttProperties none : List.of(MqttProperties.NO_PROPERTIES, RawPeer.properties(MqttPropertyType.TOPIC_ALIAS_MAXIMUM, 0))) {
            for (MqttPublishMessage m : serverAliasRound(none)) {
                assertThat(RawPeer.property(m, MqttPropertyType.TOPIC_ALIAS)).isNull();
                assertThat(m.variableHeader().topicName()).isEqualTo(TOPICS[0]);
            }
        }
    }

    /** Connects with {@code connectProperties}, subscribes to topic 0 and gets back one message at each QoS. */
    private List<MqttPublishMessage> serverAliasRound(MqttProperties connectProperties) throws Exception {
        try (RawPeer a = RawPeer.open(port)) {
            a.connect(RawPeer.v5("myclientid", true).properties(connectProperties).build());
            a.subscribe(1, TOPICS[0], MqttQoS.EXACTLY_ONCE);
            a.publish(0, TOPICS[0], "topic alias 1", MqttQoS.AT_MOST_ONCE, MqttProperties.NO_PROPERTIES);
            a.publish(2, TOPICS[0], "topic alias 1", MqttQoS.AT_LEAST_ONCE, MqttProperties.NO_PROPERTIES);
            a.publish(3, TOPICS[0], "topic alias 1", MqttQoS.EXACTLY_ONCE, MqttProperties.NO_PROPERTIES);
            List<MqttPublishMessage> got = List.of(a.nextPublish(), a.nextPublish(), a.nextPublish());
            assertThat(got).extracting(p -> p.fixedHeader().qosLevel())
                    .containsExactly(MqttQoS.AT_MOST_ONCE, MqttQoS.AT_LEAST_ONCE, MqttQoS.EXACTLY_ONCE);
            return got;
        }
    }

    @Test
    void test_maximum_packet_size() throws Exception {
        // 1. The broker's maximum, below 64 KiB here, so the suite's check runs: a larger PUBLISH ends the connection.
        // Paho Java would refuse to send it, so raw.
        try (RawPeer a = RawPeer.open(port)) {
            MqttConnAckMessage connack = a.connect(RawPeer.v5("myclientid", true).build());
            Integer serverMaximum = (Integer) RawPeer.property(connack, MqttPropertyType.MAXIMUM_PACKET_SIZE);
            assertThat(serverMaximum).isEqualTo(SuiteBroker.V5_MAXIMUM_PACKET_SIZE).isLessThan(65535);
            a.publish(0, TOPICS[0], ".".repeat(serverMaximum), MqttQoS.AT_MOST_ONCE, MqttProperties.NO_PROPERTIES);
            MqttMessage disconnect = a.until(m -> m.fixedHeader().messageType() == MqttMessageType.DISCONNECT);
            assertThat(RawPeer.reasonCode(disconnect)).isEqualTo(0x95); // packet too large
        }

        // 2. The client's maximum: 64 bytes. A message that fits comes back; one that does not is not sent.
        // Raw again: Paho Java 1.2.5 holds its own outgoing packets to the maximum it asked the broker for.
        int maximumPacketSize = 64;
        try (RawPeer a = RawPeer.open(port)) {
            a.connect(RawPeer.v5("myclientid", true).properties(RawPeer.properties(MqttPropertyType.MAXIMUM_PACKET_SIZE, maximumPacketSize))
                    .build());
            a.subscribe(1, TOPICS[0], MqttQoS.EXACTLY_ONCE);
            a.publish(0, TOPICS[0], ".".repeat(maximumPacketSize / 2), MqttQoS.AT_MOST_ONCE, MqttProperties.NO_PROPERTIES);
            assertThat(RawPeer.payload(a.nextPublish())).hasSize(maximumPacketSize / 2);
            a.publish(2, TOPICS[0], ".".repeat(maximumPacketSize), MqttQoS.AT_LEAST_ONCE, MqttProperties.NO_PROPERTIES);
            a.publish(3, TOPICS[0], RawPeer.SENTINEL, MqttQoS.AT_LEAST_ONCE, MqttProperties.NO_PROPERTIES);
            assertThat(RawPeer.payload(a.nextPublish())).isEqualTo(RawPeer.SENTINEL); // the large one was skipped
        }
    }

    @Test
    void test_server_keep_alive() throws Exception {
        try (PahoV5 a = client("myclientid")) {
            MqttConnectionOptions o = PahoV5.options(true);
            o.setKeepAliveInterval(120);
            IMqttToken connack = a.connect(o);
            assertThat(connack.getResponseProperties().getServerKeepAlive()).isEqualTo(SuiteBroker.V5_MAXIMUM_KEEP_ALIVE);
            a.disconnect();
        }
    }

    @Test
    void test_flow_control1() throws Exception {
        // The client reads packets one by one and acknowledges when it chooses: raw.
        int clientReceiveMaximum = 2;
        MqttProperties connectProperties = RawPeer.properties(MqttPropertyType.RECEIVE_MAXIMUM, clientReceiveMaximum);
        connectProperties.add(new MqttProperties.IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 0));
        try (RawPeer c = RawPeer.open(port)) {
            c.connect(RawPeer.v5("myclientid", true).properties(connectProperties).build());
            c.subscribe(1, TOPICS[0], MqttQoS.EXACTLY_ONCE);
            int pubs = clientReceiveMaximum + 1;
            for (int i = 1; i <= pubs; i++) {
                c.publish(1 + i, TOPICS[0], "message " + i, MqttQoS.AT_LEAST_ONCE, MqttProperties.NO_PROPERTIES);
            }
            List<MqttPublishMessage> delivered = new ArrayList<>();
            int acks = 0;
            while (acks < pubs || delivered.size() < clientReceiveMaximum) {
                MqttMessage m = c.raw.next(WAIT);
                if (m instanceof MqttPublishMessage p) {
                    delivered.add(p);
                } else {
                    assertThat(m.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
                    acks++;
                }
            }
            assertThat(delivered).hasSize(clientReceiveMaximum).allMatch(p -> p.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE);
            // The third waits for an acknowledgement (the suite waits for its socket read to time out).
            assertThat(c.within(Duration.ofMillis(500))).isEmpty();

            c.acknowledge(MqttMessageType.PUBACK, delivered.get(0).variableHeader().packetId());
            MqttPublishMessage third = (MqttPublishMessage) c.raw.next(WAIT);
            assertThat(third.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
            assertThat(RawPeer.payload(third)).isEqualTo("message 3");
            c.acknowledge(MqttMessageType.PUBACK, delivered.get(1).variableHeader().packetId());
            c.acknowledge(MqttMessageType.PUBACK, third.variableHeader().packetId());
        }
    }

    @Test
    void test_flow_control2() throws Exception {
        // One more unfinished QoS 2 PUBLISH than the broker's Receive Maximum: raw, since Paho Java keeps within it.
        try (RawPeer c = RawPeer.open(port)) {
            MqttConnAckMessage connack = c.connect(RawPeer.v5("myclientid", true).build());
            Integer advertised = (Integer) RawPeer.property(connack, MqttPropertyType.RECEIVE_MAXIMUM);
            int serverReceiveMaximum = advertised == null ? 65535 : advertised;
            for (int i = 1; i <= serverReceiveMaximum + 1; i++) {
                c.publish(i, TOPICS[0], "message " + i, MqttQoS.EXACTLY_ONCE, MqttProperties.NO_PROPERTIES); // never released
            }
            assertThat(RawPeer.reasonCode(c.raw.next(MqttMessageType.DISCONNECT, WAIT))).isEqualTo(0x93); // receive maximum exceeded
        }
    }

    @Test
    void test_will_delay() throws Exception {
        // Will delay shorter than the session expiry: the will comes after the delay (2 s; 3 s in the suite).
        willDelayRound(2, 60, true);
        // Session expiry 0, shorter than the will delay: the will comes when the session ends, at once.
        willDelayRound(60, 0, false);
        // Session expiry shorter than the will delay: the will comes when the session ends (2 s).
        willDelayRound(60, 2, true);
    }

    /**
     * Client a connects with a will (delay {@code willDelay}, session expiry {@code sessionExpiry}),
     * drops its connection, and b gets the will well before 60 s. When {@code notAtOnce}, the will
     * is not there yet when the broker has just seen a go.
     */
    private void willDelayRound(long willDelay, long sessionExpiry, boolean notAtOnce) throws Exception {
        try (PahoV5 a = client("myclientid"); PahoV5 b = client("myclientid2")) {
            MqttConnectionOptions o = withSessionExpiry(true, sessionExpiry);
            org.eclipse.paho.mqttv5.common.MqttMessage will = new org.eclipse.paho.mqttv5.common.MqttMessage("test_will_delay will message".getBytes(StandardCharsets.UTF_8));
            will.setQos(2); // the suite's client sends its wills at QoS 2
            o.setWill(TOPICS[0], will);
            org.eclipse.paho.mqttv5.common.packet.MqttProperties willProperties = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            willProperties.setWillDelayInterval(willDelay);
            o.setWillMessageProperties(willProperties);
            IMqttToken connack = a.connect(o);
            assertThat(reasonCode(connack)).isZero();
            assertThat(connack.getSessionPresent()).isFalse();

            b.connect(true);
            b.subscribe(TOPICS[0], 2);

            a.terminate();
            await().atMost(WAIT).until(() -> !connected("myclientid"));
            if (notAtOnce) {
                b.publish(TOPICS[0], RawPeer.SENTINEL, 2);
                assertThat(b.beforeSentinel()).isEmpty();
            }
            Arrived got = b.next();
            assertThat(got.topic()).isEqualTo(TOPICS[0]);
            assertThat(got.payload()).isEqualTo("test_will_delay will message");
            b.disconnect();
        }
    }

    @Test
    void test_shared_subscriptions() throws Exception {
        String sharedSubTopic = "$share/sharename/" + PREFIX + "x";
        String sharedPubTopic = PREFIX + "x";
        try (PahoV5 a = client("myclientid"); PahoV5 b = client("myclientid2")) {
            for (PahoV5 c : List.of(a, b)) {
                IMqttToken connack = c.connect(true);
                assertThat(reasonCode(connack)).isZero();
                assertThat(connack.getSessionPresent()).isFalse();
                c.subscribe(null, new MqttSubscription(sharedSubTopic, 2), new MqttSubscription(TOPICS[0], 2));
            }

            // A plain subscription: each gets its copy.
            b.publish(TOPICS[0], "message 0", 0);
            b.publish(TOPICS[0], RawPeer.SENTINEL, 2);
            assertThat(a.beforeSentinel()).extracting(Arrived::payload).containsExactly("message 0");
            assertThat(b.beforeSentinel()).extracting(Arrived::payload).containsExactly("message 0");

            // The shared subscription: one of them gets it, once.
            b.publish(sharedPubTopic, "message 0", 0);
            b.publish(TOPICS[0], RawPeer.SENTINEL, 2);
            assertThat(a.beforeSentinel().size() + b.beforeSentinel().size()).isEqualTo(1);
            a.disconnect();
            b.disconnect();
        }
    }
}
