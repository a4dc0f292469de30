package io.topicguard.broker.persistence;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.topicguard.broker.server.Broker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deadlines are instants, so the time the broker is stopped counts: a message whose expiry passed
 * meanwhile is not delivered and leaves the store, one still alive goes out with the interval that
 * remains; a session whose expiry passed is discarded at restore, one that has not keeps the time
 * it had left.
 */
class ExpiryAcrossRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MESSAGE_EXPIRY = MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value();

    @TempDir
    Path dir;

    private static void publish(V5Client c, String topic, String payload, long expirySeconds, boolean retain) throws Exception {
        org.eclipse.paho.mqttv5.common.MqttMessage m = new org.eclipse.paho.mqttv5.common.MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        m.setRetained(retain);
        org.eclipse.paho.mqttv5.common.packet.MqttProperties props = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
        props.setMessageExpiryInterval(expirySeconds);
        m.setProperties(props);
        c.client.publish(topic, m).waitForCompletion(WAIT.toMillis());
    }

    /** Every PUBLISH the broker sends until it answers a PINGREQ sent after {@code action}, acknowledged. */
    private static List<MqttPublishMessage> publishesUntilPing(RawMqttClient c) throws InterruptedException {
        c.send(new MqttMessage(new io.netty.handler.codec.mqtt.MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0)));
        List<MqttPublishMessage> out = new ArrayList<>();
        while (true) {
            MqttMessage m = c.next(WAIT);
            if (m.fixedHeader().messageType() == MqttMessageType.PINGRESP) {
                return out;
            }
            if (m instanceof MqttPublishMessage p) {
                out.add(p);
                if (p.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                    c.send(MqttMessageBuilders.pubAck().packetId(p.variableHeader().packetId()).build());
                }
            }
        }
    }

    private static String payload(MqttPublishMessage p) {
        return p.payload().toString(StandardCharsets.UTF_8);
    }

    private static int expiryOf(MqttPublishMessage p) {
        return (Integer) p.variableHeader().properties().getProperty(MESSAGE_EXPIRY).value();
    }

    @Test
    void aMessageThatExpiredWhileTheBrokerWasStoppedIsNotDeliveredAndLeavesTheStoreAndTheRestGoOutWithWhatRemains() throws Exception {
        long stopped;
        try (Broker broker = StoredBroker.start(dir)) {
            try (RawMqttClient sub = RawMqttClient.connect(broker.tcpPort())) {
                sub.connectV5("sub", false, 3600);
                sub.next(MqttMessageType.CONNACK, WAIT);
                sub.subscribe(1, "exp/#", MqttQoS.AT_LEAST_ONCE);
                sub.next(MqttMessageType.SUBACK, WAIT);
            }
            try (V5Client pub = V5Client.connect(broker.tcpPort(), "pub")) {
                publish(pub, "exp/short", "short", 1, false); // queued first: it would be the first delivered
                publish(pub, "exp/long", "long", 3600, false);
                publish(pub, "ret/short", "retained-short", 1, true);
                publish(pub, "ret/long", "retained-long", 3600, true);
            }
            stopped = System.currentTimeMillis();
        }
        await().atMost(WAIT).until(() -> System.currentTimeMillis() > stopped + 1_500); // stopped longer than the short expiry

        try (Broker broker = StoredBroker.start(dir)) {
            assertThat(broker.status().sessions()).isEqualTo(1); // sub (pub's session ended with its connection)
        }
        try (MvStorePersistence store = StoredBroker.store(dir)) {
            assertThat(store.retained.keySet()).as("the expired retained message left the store").containsExactly("ret/long");
            List<String> queued = new ArrayList<>();
            store.range(store.messages, "sub", (k, v) -> queued.add(Codec.outbound(v).topic()));
            assertThat(queued).as("the expired queued message left the store").containsExactly("exp/long");
        }

        try (Broker broker = StoredBroker.start(dir); RawMqttClient sub = RawMqttClient.connect(broker.tcpPort())) {
            sub.connectV5("sub", false, 3600);
            sub.next(MqttMessageType.CONNACK, WAIT);
            List<MqttPublishMessage> queued = publishesUntilPing(sub);
            assertThat(queued).extracting(ExpiryAcrossRestartTest::payload).containsExactly("long");
            assertThat(expiryOf(queued.get(0))).as("what remains of 3600 s after 1.5 s stopped").isBetween(1, 3599);

            sub.subscribe(2, "ret/#", MqttQoS.AT_LEAST_ONCE);
            sub.next(MqttMessageType.SUBACK, WAIT);
            List<MqttPublishMessage> retained = publishesUntilPing(sub);
            assertThat(retained).extracting(ExpiryAcrossRestartTest::payload).containsExactly("retained-long");
            assertThat(expiryOf(retained.get(0))).isBetween(1, 3599);
        }
    }

    @Test
    void aRetainedMessageFoundExpiredWhileRunningLeavesTheStoreToo() throws Exception {
        long published;
        try (Broker broker = StoredBroker.start(dir)) {
            try (V5Client pub = V5Client.connect(broker.tcpPort(), "pub")) {
                publish(pub, "ret/short", "retained-short", 1, true);
            }
            published = System.currentTimeMillis();
            await().atMost(WAIT).until(() -> System.currentTimeMillis() > published + 1_500);
            try (RawMqttClient sub = RawMqttClient.connect(broker.tcpPort())) {
                sub.connectV5("sub", true, 0);
                sub.next(MqttMessageType.CONNACK, WAIT);
                sub.subscribe(1, "ret/#", MqttQoS.AT_LEAST_ONCE); // finds it expired
                sub.next(MqttMessageType.SUBACK, WAIT);
                assertThat(publishesUntilPing(sub)).isEmpty();
            }
        }
        try (MvStorePersistence store = StoredBroker.store(dir)) {
            assertThat(store.retained.keySet()).isEmpty();
        }
    }

    @Test
    void aSessionWhoseExpiryPassedWhileTheBrokerWasStoppedIsDiscardedAndAnotherKeepsWhatItHadLeft() throws Exception {
        try (Broker broker = StoredBroker.start(dir)) {
            for (String id : List.of("old", "young")) {
                try (RawMqttClient c = RawMqttClient.connect(broker.tcpPort())) {
                    c.connectV5(id, false, 3600);
                    c.next(MqttMessageType.CONNACK, WAIT);
                    c.subscribe(1, "s/#", MqttQoS.AT_LEAST_ONCE);
                    c.next(MqttMessageType.SUBACK, WAIT);
                }
            }
            try (V5Client pub = V5Client.connect(broker.tcpPort(), "pub")) {
                pub.publish("s/1", "queued", 1, false);
            }
        }
        // As if the broker had been stopped for a long time: "old" left 2 hours ago, "young" 3598 s ago.
        long now = System.currentTimeMillis();
        try (MvStorePersistence store = StoredBroker.store(dir)) {
            leftAt(store, "old", now - 7_200_000);
            leftAt(store, "young", now - 3_598_000);
        }

        try (Broker broker = StoredBroker.start(dir)) {
            assertThat(broker.status().sessions()).as("only young is restored").isEqualTo(1);
            // young had 2 s left, not a fresh hour: it ends while the broker runs.
            await().atMost(WAIT).until(() -> broker.status().sessions() == 0);
        }
        try (MvStorePersistence store = StoredBroker.store(dir)) {
            assertThat(store.sessions).isEmpty();
            assertThat(store.subscriptions).isEmpty();
            assertThat(store.messages).as("the discarded sessions' queues went with them").isEmpty();
        }
    }

    private static void leftAt(MvStorePersistence store, String clientId, long disconnectedAt) {
        Codec.SessionRecord r = Codec.session(store.sessions.get(clientId));
        store.sessions.put(clientId, Codec.session(new Codec.SessionRecord(r.username(), r.commonName(), r.listener(), r.expirySeconds(),
                disconnectedAt)));
    }
}
