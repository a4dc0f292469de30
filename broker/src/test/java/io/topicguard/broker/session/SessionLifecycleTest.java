package io.topicguard.broker.session;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.topicguard.broker.testing.AllowAllBroker;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Persistent sessions, redelivery, takeover, wills and keep-alive. */
class SessionLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final AllowAllBroker BROKER = new AllowAllBroker();

    @Test
    void v3PersistentSessionReceivesQos1And2MessagesPublishedWhileAway() throws Exception {
        MqttConnectOptions persistent = V3Client.options();
        persistent.setCleanSession(false);
        try (V3Client sub = V3Client.connect(BROKER.port(), "v3-persist", persistent)) {
            sub.subscribe("away/v3/#", 2);
            sub.client.disconnect();
        }
        try (V3Client pub = V3Client.connect(BROKER.port(), "v3-persist-pub")) {
            pub.publish("away/v3/a", "one", 1, false);
            pub.publish("away/v3/b", "two", 2, false);
            pub.publish("away/v3/c", "zero", 0, false); // QoS 0 is not kept for an absent client
        }
        try (V3Client sub = V3Client.connect(BROKER.port(), "v3-persist", persistent)) {
            List<Received> got = List.of(sub.next(WAIT), sub.next(WAIT));
            assertThat(got).extracting(Received::payload).containsExactly("one", "two");
            sub.client.disconnect();
        }
    }

    @Test
    void v5SessionWithExpiryIsResumedAndReportsSessionPresent() throws Exception {
        MqttConnectionOptions o = V5Client.options();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(60L);
        try (V5Client sub = V5Client.connect(BROKER.port(), "v5-persist", o)) {
            sub.subscribe("away/v5/#", 1);
        }
        try (V5Client pub = V5Client.connect(BROKER.port(), "v5-persist-pub")) {
            pub.publish("away/v5/x", "kept", 1, false);
        }
        V5Client sub = V5Client.create(BROKER.port(), "v5-persist");
        try (sub) {
            org.eclipse.paho.mqttv5.client.IMqttToken token = sub.client.connect(o);
            token.waitForCompletion(5_000);
            assertThat(token.getSessionPresent()).isTrue();
            assertThat(sub.next(WAIT).payload()).isEqualTo("kept");
        }
    }

    @Test
    void cleanStartDiscardsThePreviousSession() throws Exception {
        MqttConnectionOptions keep = V5Client.options();
        keep.setCleanStart(false);
        keep.setSessionExpiryInterval(60L);
        try (V5Client sub = V5Client.connect(BROKER.port(), "clean-start", keep)) {
            sub.subscribe("cs/#", 1);
        }
        try (V5Client sub = V5Client.connect(BROKER.port(), "clean-start"); V5Client pub = V5Client.connect(BROKER.port(), "clean-start-pub")) {
            sub.subscribe("cs/end", 1);
            pub.publish("cs/x", "old subscription", 1, false);
            pub.publish("cs/end", "sentinel", 1, false);
            assertThat(sub.next(WAIT).payload()).isEqualTo("sentinel");
        }
    }

    @Test
    void unacknowledgedQos1MessageIsRedeliveredWithDupOnReconnect() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
            raw.connectV5("redeliver-1", true, 300);
            raw.next(MqttMessageType.CONNACK, WAIT);
            raw.subscribe(1, "redeliver/1", MqttQoS.AT_LEAST_ONCE);
            raw.next(MqttMessageType.SUBACK, WAIT);
            try (V5Client pub = V5Client.connect(BROKER.port(), "redeliver-1-pub")) {
                pub.publish("redeliver/1", "again", 1, false);
            }
            MqttPublishMessage first = (MqttPublishMessage) raw.next(MqttMessageType.PUBLISH, WAIT);
            assertThat(first.fixedHeader().isDup()).isFalse();
            first.release();
        } // closed without PUBACK
        try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
            raw.connectV5("redeliver-1", false, 300);
            MqttConnAckMessage connAck = (MqttConnAckMessage) raw.next(MqttMessageType.CONNACK, WAIT);
            assertThat(connAck.variableHeader().isSessionPresent()).isTrue();
            MqttPublishMessage again = (MqttPublishMessage) raw.next(MqttMessageType.PUBLISH, WAIT);
            assertThat(again.fixedHeader().isDup()).isTrue();
            assertThat(again.payload().toString(StandardCharsets.UTF_8)).isEqualTo("again");
            again.release();
        }
    }

    @Test
    void qos2ExchangeResumesWithPubrelAfterReconnect() throws Exception {
        int packetId;
        try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
            raw.connectV5("redeliver-2", true, 300);
            raw.next(MqttMessageType.CONNACK, WAIT);
            raw.subscribe(1, "redeliver/2", MqttQoS.EXACTLY_ONCE);
            raw.next(MqttMessageType.SUBACK, WAIT);
            try (V5Client pub = V5Client.connect(BROKER.port(), "redeliver-2-pub")) {
                pub.publish("redeliver/2", "exactly", 2, false);
            }
            MqttPublishMessage publish = (MqttPublishMessage) raw.next(MqttMessageType.PUBLISH, WAIT);
            packetId = publish.variableHeader().packetId();
            publish.release();
        } // closed without PUBREC
        try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
            raw.connectV5("redeliver-2", false, 300);
            raw.next(MqttMessageType.CONNACK, WAIT);
            MqttPublishMessage again = (MqttPublishMessage) raw.next(MqttMessageType.PUBLISH, WAIT);
            assertThat(again.fixedHeader().isDup()).isTrue();
            assertThat(again.variableHeader().packetId()).isEqualTo(packetId);
            again.release();
            raw.send(new MqttMessage(new io.netty.handler.codec.mqtt.MqttFixedHeader(MqttMessageType.PUBREC, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader.from(packetId)));
            assertThat(raw.next(MqttMessageType.PUBREL, WAIT)).isNotNull();
        }
        // PUBREC was sent but PUBCOMP was not: on reconnect the broker resends PUBREL, not the message.
        try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
            raw.connectV5("redeliver-2", false, 300);
            raw.next(MqttMessageType.CONNACK, WAIT);
            MqttMessage pubrel = raw.next(MqttMessageType.PUBREL, WAIT);
            assertThat(((io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader) pubrel.variableHeader()).messageId()).isEqualTo(packetId);
        }
    }

    @Test
    void secondConnectionWithTheSameClientIdTakesTheSessionOver() throws Exception {
        try (V5Client first = V5Client.connect(BROKER.port(), "takeover"); V5Client second = V5Client.connect(BROKER.port(), "takeover")) {
            assertThat(first.disconnected.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(0x8E);
            assertThat(second.client.isConnected()).isTrue();
        }
    }

    @Test
    void willIsPublishedWhenTheConnectionDropsWithoutDisconnect() throws Exception {
        try (V3Client watcher = V3Client.connect(BROKER.port(), "will-watch-1")) {
            watcher.subscribe("will/1", 1);
            try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
                raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("will-1").cleanSession(true)
                        .willFlag(true).willTopic("will/1").willMessage("gone".getBytes(StandardCharsets.UTF_8)).willQoS(MqttQoS.AT_LEAST_ONCE)
                        .keepAlive(60).build());
                raw.next(MqttMessageType.CONNACK, WAIT);
            } // socket closed, no DISCONNECT
            assertThat(watcher.next(WAIT).payload()).isEqualTo("gone");
        }
    }

    @Test
    void willIsDiscardedOnNormalDisconnect() throws Exception {
        try (V3Client watcher = V3Client.connect(BROKER.port(), "will-watch-2")) {
            watcher.subscribe("will/2", 1);
            try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
                raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("will-2").cleanSession(true)
                        .willFlag(true).willTopic("will/2").willMessage("gone".getBytes(StandardCharsets.UTF_8)).keepAlive(60).build());
                raw.next(MqttMessageType.CONNACK, WAIT);
                raw.send(MqttMessageBuilders.disconnect().build());
                assertThat(raw.awaitClosed(WAIT)).isTrue();
            }
            try (V3Client pub = V3Client.connect(BROKER.port(), "will-2-pub")) {
                pub.publish("will/2", "sentinel", 1, false);
            }
            assertThat(watcher.next(WAIT).payload()).isEqualTo("sentinel");
        }
    }

    @Test
    void v5WillDelayIsCancelledWhenTheClientReconnectsInTime() throws Exception {
        try (V3Client watcher = V3Client.connect(BROKER.port(), "will-watch-3")) {
            watcher.subscribe("will/3", 1);
            MqttProperties willProps = new MqttProperties();
            willProps.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.WILL_DELAY_INTERVAL.value(), 60));
            MqttProperties expiry = new MqttProperties();
            expiry.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 60));
            try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
                raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("will-3").cleanSession(true)
                        .properties(expiry).willFlag(true).willTopic("will/3").willProperties(willProps)
                        .willMessage("gone".getBytes(StandardCharsets.UTF_8)).keepAlive(60).build());
                raw.next(MqttMessageType.CONNACK, WAIT);
            } // dropped: the will waits 60 s
            try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
                raw.connectV5("will-3", false, 0); // resumes in time: the will is cancelled; expiry 0 ends the session on close
                raw.next(MqttMessageType.CONNACK, WAIT);
                raw.send(MqttMessageBuilders.disconnect().build());
                raw.awaitClosed(WAIT);
            }
            try (V3Client pub = V3Client.connect(BROKER.port(), "will-3-pub")) {
                pub.publish("will/3", "sentinel", 1, false);
            }
            assertThat(watcher.next(WAIT).payload()).isEqualTo("sentinel");
        }
    }

    @Test
    void v5WillWithDelayIsPublishedWhenTheSessionEnds() throws Exception {
        try (V3Client watcher = V3Client.connect(BROKER.port(), "will-watch-4")) {
            watcher.subscribe("will/4", 1);
            MqttProperties willProps = new MqttProperties();
            willProps.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.WILL_DELAY_INTERVAL.value(), 60));
            MqttProperties expiry = new MqttProperties();
            expiry.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 1));
            try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
                raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("will-4").cleanSession(true)
                        .properties(expiry).willFlag(true).willTopic("will/4").willProperties(willProps)
                        .willMessage("expired".getBytes(StandardCharsets.UTF_8)).keepAlive(60).build());
                raw.next(MqttMessageType.CONNACK, WAIT);
            } // the session expires after 1 s, before the 60 s will delay: the will goes then
            assertThat(watcher.next(WAIT).payload()).isEqualTo("expired");
        }
    }

    @Test
    void keepAliveExpiryClosesTheConnectionAfterOneAndAHalfPeriods() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
            raw.connectV3("keepalive", true, 1);
            raw.next(MqttMessageType.CONNACK, WAIT);
            assertThat(raw.awaitClosed(WAIT)).as("closed for silence after keep-alive 1 s").isTrue();
        }
    }

    @Test
    void everyPacketRestartsTheKeepAlivePeriod() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
            raw.connectV3("keepalive-talking", true, 1);
            raw.next(MqttMessageType.CONNACK, WAIT);
            // Three seconds of PINGREQs 0.4 s apart, twice the 1.5 s a silent client gets. The sleep
            // paces the client like a real one; each PINGRESP is awaited, not assumed.
            for (int i = 0; i < 8; i++) {
                Thread.sleep(400);
                raw.send(new MqttMessage(new io.netty.handler.codec.mqtt.MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0)));
                assertThat(raw.next(MqttMessageType.PINGRESP, WAIT)).as("PINGRESP %d", i).isNotNull();
            }
            assertThat(raw.isOpen()).isTrue();
            assertThat(raw.awaitClosed(WAIT)).as("closed once silent").isTrue();
        }
    }

    @Test
    void v5DisconnectWithWillReasonStillPublishesTheWill() throws Exception {
        try (V3Client watcher = V3Client.connect(BROKER.port(), "will-watch-5")) {
            watcher.subscribe("will/5", 1);
            try (RawMqttClient raw = RawMqttClient.connect(BROKER.port())) {
                raw.send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("will-5").cleanSession(true)
                        .willFlag(true).willTopic("will/5").willMessage("asked".getBytes(StandardCharsets.UTF_8)).keepAlive(60).build());
                raw.next(MqttMessageType.CONNACK, WAIT);
                raw.send(new MqttMessage(new io.netty.handler.codec.mqtt.MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                        new MqttReasonCodeAndPropertiesVariableHeader((byte) 0x04, MqttProperties.NO_PROPERTIES)));
                raw.awaitClosed(WAIT);
            }
            List<Received> got = new ArrayList<>();
            got.add(watcher.next(WAIT));
            assertThat(got).extracting(Received::payload).containsExactly("asked");
        }
    }
}
