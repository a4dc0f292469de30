package io.topicguard.broker.protocol;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.topicguard.broker.testing.AllowAllBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MQTT 5 Message Expiry (MQTT 5.0 §3.3.2.3.3) with real clients: a message that expires while it
 * waits for an away subscriber is not delivered, a delivered one carries what remains of its
 * interval, and retained messages expire too.
 *
 * <p>Expiry is about time passing, so these tests wait for the wall clock to pass a one-second
 * interval counted from after the broker acknowledged the publication (so from after it received
 * it): the message has then expired by the broker's clock too, whatever the scheduling.
 */
class MessageExpiryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final AllowAllBroker BROKER = new AllowAllBroker();

    /** Publishes with QoS 1 and returns the wall-clock time after the PUBACK came back. */
    private static long publish(V5Client pub, String topic, String payload, Long expirySeconds, boolean retain) throws Exception {
        org.eclipse.paho.mqttv5.common.MqttMessage m = new org.eclipse.paho.mqttv5.common.MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        m.setRetained(retain);
        if (expirySeconds != null) {
            org.eclipse.paho.mqttv5.common.packet.MqttProperties p = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            p.setMessageExpiryInterval(expirySeconds);
            m.setProperties(p);
        }
        pub.client.publish(topic, m).waitForCompletion(WAIT.toMillis());
        return System.currentTimeMillis();
    }

    private static void awaitPassed(long since, Duration interval) {
        await().atMost(WAIT).until(() -> System.currentTimeMillis() > since + interval.toMillis());
    }

    /** Waits until the broker holds {@code clientId}'s session with no connection: what is published now is queued. */
    private static void awaitAway(String clientId) {
        await().atMost(WAIT).until(() -> BROKER.broker().client(clientId).map(c -> !c.connected()).orElse(false));
    }

    private static MqttConnectionOptions persistent() {
        MqttConnectionOptions o = V5Client.options();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(300L);
        return o;
    }

    private static Long expiryOf(MqttPublishMessage p) {
        MqttProperties.MqttProperty<?> e = p.variableHeader().properties().getProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value());
        return e == null ? null : Integer.toUnsignedLong((Integer) e.value());
    }

    private static RawMqttClient rawPersistent(String clientId, boolean cleanStart) throws InterruptedException {
        RawMqttClient raw = RawMqttClient.connect(BROKER.port());
        raw.connectV5(clientId, cleanStart, 300);
        raw.next(MqttMessageType.CONNACK, WAIT);
        return raw;
    }

    private static MqttPublishMessage nextPublish(RawMqttClient raw) throws InterruptedException {
        return (MqttPublishMessage) raw.next(MqttMessageType.PUBLISH, WAIT);
    }

    private static void puback(RawMqttClient raw, MqttPublishMessage p) {
        raw.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(p.variableHeader().packetId())));
    }

    @Test
    void aMessageThatExpiresWhileQueuedForAnAwaySessionIsNotDelivered() throws Exception {
        try (V5Client sub = V5Client.connect(BROKER.port(), "exp-away", persistent())) {
            sub.subscribe("exp-away/#", 1);
        }
        awaitAway("exp-away");
        long acked;
        try (V5Client pub = V5Client.connect(BROKER.port(), "exp-away-pub")) {
            acked = publish(pub, "exp-away/short", "gone", 1L, false);
            publish(pub, "exp-away/long", "kept", 3600L, false);
            publish(pub, "exp-away/none", "kept too", null, false);
        }
        assertThat(BROKER.broker().client("exp-away").orElseThrow().queuedMessages()).isEqualTo(3);
        awaitPassed(acked, Duration.ofSeconds(1));
        try (V5Client sub = V5Client.connect(BROKER.port(), "exp-away", persistent())) {
            // Queued messages go out in order: had the expired one been sent, it would come first.
            Received first = sub.next(WAIT);
            Received second = sub.next(WAIT);
            assertThat(List.of(first.topic(), second.topic())).containsExactly("exp-away/long", "exp-away/none");
        }
    }

    @Test
    void aDeliveredMessageCarriesWhatRemainsOfItsInterval() throws Exception {
        try (RawMqttClient raw = rawPersistent("exp-remain", true)) {
            raw.subscribe(1, "exp-remain/#", MqttQoS.AT_LEAST_ONCE);
            raw.next(MqttMessageType.SUBACK, WAIT);
            try (V5Client pub = V5Client.connect(BROKER.port(), "exp-remain-pub")) {
                publish(pub, "exp-remain/live", "now", 60L, false);
                publish(pub, "exp-remain/plain", "no expiry", null, false);
            }
            MqttPublishMessage live = nextPublish(raw);
            assertThat(expiryOf(live)).isBetween(1L, 60L);
            puback(raw, live);
            MqttPublishMessage plain = nextPublish(raw);
            assertThat(expiryOf(plain)).isNull();
            puback(raw, plain);
        }
        awaitAway("exp-remain");
        long acked;
        try (V5Client pub = V5Client.connect(BROKER.port(), "exp-remain-pub")) {
            acked = publish(pub, "exp-remain/queued", "later", 60L, false);
        }
        awaitPassed(acked, Duration.ofSeconds(1));
        try (RawMqttClient raw = rawPersistent("exp-remain", false)) {
            MqttPublishMessage queued = nextPublish(raw);
            assertThat(queued.variableHeader().topicName()).isEqualTo("exp-remain/queued");
            // More than a second waited in the broker: at most 59 of the 60 seconds remain.
            assertThat(expiryOf(queued)).isBetween(1L, 59L);
            puback(raw, queued);
        }
    }

    @Test
    void aMessageWhoseDeliveryStartedIsResentEvenAfterItExpired() throws Exception {
        long acked;
        try (RawMqttClient raw = rawPersistent("exp-inflight", true)) {
            raw.subscribe(1, "exp-inflight/#", MqttQoS.AT_LEAST_ONCE);
            raw.next(MqttMessageType.SUBACK, WAIT);
            try (V5Client pub = V5Client.connect(BROKER.port(), "exp-inflight-pub")) {
                acked = publish(pub, "exp-inflight/x", "unacknowledged", 1L, false);
            }
            assertThat(nextPublish(raw).fixedHeader().isDup()).isFalse(); // and not acknowledged
        }
        awaitPassed(acked, Duration.ofSeconds(1));
        try (RawMqttClient raw = rawPersistent("exp-inflight", false)) {
            // MQTT-3.3.2-5 deletes only what has not started onward delivery; this one is owed a resend (MQTT-4.4.0-1).
            MqttPublishMessage resent = nextPublish(raw);
            assertThat(resent.fixedHeader().isDup()).isTrue();
            assertThat(expiryOf(resent)).isEqualTo(1L);
            puback(raw, resent);
        }
    }

    @Test
    void retainedMessagesExpire() throws Exception {
        long acked;
        try (V5Client pub = V5Client.connect(BROKER.port(), "exp-ret-pub")) {
            acked = publish(pub, "exp-ret/short", "gone", 1L, true);
            publish(pub, "exp-ret/long", "kept", 3600L, true);
        }
        awaitPassed(acked, Duration.ofSeconds(1));
        try (V5Client sub = V5Client.connect(BROKER.port(), "exp-ret-sub"); V5Client pub = V5Client.connect(BROKER.port(), "exp-ret-pub")) {
            sub.subscribe("exp-ret/#", 1);
            // Retained messages go out with the SUBACK, before anything published after it.
            publish(pub, "exp-ret/marker", "live", null, false);
            List<String> topics = new ArrayList<>();
            for (Received r; !(r = sub.next(WAIT)).topic().equals("exp-ret/marker"); ) {
                topics.add(r.topic());
            }
            assertThat(topics).containsExactly("exp-ret/long");
        }
        try (RawMqttClient raw = rawPersistent("exp-ret-raw", true)) {
            raw.subscribe(1, "exp-ret/long", MqttQoS.AT_LEAST_ONCE);
            MqttPublishMessage kept = nextPublish(raw);
            assertThat(kept.fixedHeader().isRetain()).isTrue();
            assertThat(expiryOf(kept)).isBetween(1L, 3599L);
        }
    }
}
