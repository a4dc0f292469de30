package io.topicguard.broker.auth;

import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.DenialCapture;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Every row of docs/semantics.md, In the broker's table, for MQTT 5 and 3.1.1, against real policies compiled by the
 * engine.
 */
class PolicyEnforcementTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final String BASE = """
            default deny
            anonymous deny
            ban clientid ~ "^mallory-" reason "compromised batch"
            allow all to publish, subscribe "devices/${clientid}/#"
            deny all to subscribe "public/secret/#"
            allow username "reader" to subscribe "public/#"
            allow username "writer" to publish "public/#"
            """;

    private static MqttConnectOptions v3As(String username) {
        MqttConnectOptions o = V3Client.options();
        if (username != null) {
            o.setUserName(username);
            o.setPassword("pw".toCharArray());
        }
        return o;
    }

    private static MqttConnectionOptions v5As(String username) {
        MqttConnectionOptions o = V5Client.options();
        if (username != null) {
            o.setUserName(username);
            o.setPassword("pw".getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    @Test
    void bannedClientIsRefusedWithBannedOrNotAuthorized() throws Exception {
        try (Broker broker = PolicyBroker.start(BASE); DenialCapture log = new DenialCapture()) {
            V5Client v5 = V5Client.create(broker.tcpPort(), "mallory-1");
            assertThat(v5.tryConnect(v5As("eve"))).isEqualTo(0x8A);
            v5.close();
            V3Client v3 = V3Client.create(broker.tcpPort(), "mallory-2");
            MqttException e = catchThrowableOfType(MqttException.class, () -> v3.client.connect(v3As("eve")));
            assertThat(e.getReasonCode()).isEqualTo(5);
            v3.close();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("deny action=connect clientid=\"mallory-1\" username=\"eve\" address=127.0.0.1 listener=tcp decision=deny reason=banned source=test.acl:3"));
        }
    }

    @Test
    void anonymousClientIsRefusedUnderAnonymousDeny() throws Exception {
        try (Broker broker = PolicyBroker.start(BASE)) {
            V5Client v5 = V5Client.create(broker.tcpPort(), "anon-5");
            assertThat(v5.tryConnect(v5As(null))).isEqualTo(0x87);
            v5.close();
            V3Client v3 = V3Client.create(broker.tcpPort(), "anon-3");
            MqttException e = catchThrowableOfType(MqttException.class, () -> v3.client.connect(v3As(null)));
            assertThat(e.getReasonCode()).isEqualTo(5);
            v3.close();
        }
    }

    @Test
    void deniedSubscriptionGetsNotAuthorizedOrFailure() throws Exception {
        try (Broker broker = PolicyBroker.start(BASE); DenialCapture log = new DenialCapture();
             V5Client v5 = V5Client.connect(broker.tcpPort(), "sub-5", v5As("writer"));
             V3Client v3 = V3Client.connect(broker.tcpPort(), "sub-3", v3As("writer"))) {
            assertThat(v5.subscribe("public/#", 1)).isEqualTo(0x87);
            assertThat(v3.subscribe("public/#", 1)).isEqualTo(0x80);
            assertThat(v5.subscribe("devices/sub-5/#", 1)).isEqualTo(1);
            assertThat(v3.subscribe("devices/sub-3/#", 1)).isEqualTo(1);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith(
                    "deny action=subscribe topic=\"public/#\" clientid=\"sub-5\" username=\"writer\"").endsWith("decision=deny reason=default source=test.acl:1"));
        }
    }

    @Test
    void partialSubscriptionIsRefusedUnderPartialDeny() throws Exception {
        try (Broker broker = PolicyBroker.start("partial deny\n" + BASE);
             V5Client v5 = V5Client.connect(broker.tcpPort(), "pd-5", v5As("reader"));
             V3Client v3 = V3Client.connect(broker.tcpPort(), "pd-3", v3As("reader"))) {
            // "public/#" contains the denied "public/secret/#": PARTIAL, and partial deny refuses it.
            assertThat(v5.subscribe("public/#", 1)).isEqualTo(0x87);
            assertThat(v3.subscribe("public/#", 1)).isEqualTo(0x80);
            assertThat(v5.subscribe("public/open/#", 1)).isEqualTo(1);
        }
    }

    @Test
    void partialSubscriptionIsFilteredPerDeliveryUnderPartialFilter() throws Exception {
        try (Broker broker = PolicyBroker.start(BASE);
             V5Client reader = V5Client.connect(broker.tcpPort(), "pf-reader", v5As("reader"));
             V5Client writer = V5Client.connect(broker.tcpPort(), "pf-writer", v5As("writer"))) {
            assertThat(reader.subscribe("public/#", 1)).isEqualTo(1);
            writer.publish("public/secret/plans", "hidden", 1, false);
            writer.publish("public/news", "visible", 1, false);
            assertThat(reader.next(WAIT).payload()).isEqualTo("visible");
            assertThat(reader.received).isEmpty();
        }
    }

    @Test
    void deniedPublishUnderOnDenyIgnoreIsDroppedAndAcknowledged() throws Exception {
        try (Broker broker = PolicyBroker.start(BASE); DenialCapture log = new DenialCapture();
             V5Client watcher = V5Client.connect(broker.tcpPort(), "ign-watch", v5As("reader"));
             V5Client writer = V5Client.connect(broker.tcpPort(), "ign-writer", v5As("writer"));
             V5Client v5 = V5Client.connect(broker.tcpPort(), "ign-5", v5As("reader"));
             V3Client v3 = V3Client.connect(broker.tcpPort(), "ign-3", v3As("reader"))) {
            watcher.subscribe("public/#", 2);
            // Readers may read public/# but not publish there: the watcher would see anything that got through.
            assertThat(v5.publish("public/x", "no", 0, false)).isZero();
            assertThat(v5.publish("public/x", "no", 1, false)).isEqualTo(0x87);
            assertThat(v5.client.isConnected()).isTrue();
            // Paho ends its own connection after a refused QoS 2 flow; the broker's part is PUBREC 0x87.
            assertThat(v5.publish("public/x", "no", 2, false)).isEqualTo(0x87);
            v3.publish("public/y", "no", 1, false); // an ordinary PUBACK: Paho v3 returns normally
            v3.publish("public/y", "no", 2, false);
            assertThat(v3.client.isConnected()).isTrue();
            writer.publish("public/end", "sentinel", 1, false);
            assertThat(watcher.next(WAIT).payload()).as("no denied message before the sentinel").isEqualTo("sentinel");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .isEqualTo("deny action=publish topic=\"public/y\" clientid=\"ign-3\" username=\"reader\" address=127.0.0.1 listener=tcp decision=deny reason=default source=test.acl:1"));
        }
    }

    @Test
    void deniedPublishUnderOnDenyDisconnectEndsTheConnection() throws Exception {
        try (Broker broker = PolicyBroker.start("on deny disconnect\n" + BASE);
             V5Client v5 = V5Client.connect(broker.tcpPort(), "dis-5", v5As("writer"));
             V3Client v3 = V3Client.connect(broker.tcpPort(), "dis-3", v3As("writer"))) {
            try {
                v5.client.publish("secret/x", "no".getBytes(StandardCharsets.UTF_8), 0, false);
            } catch (org.eclipse.paho.mqttv5.common.MqttException disconnectedWhilePublishing) {
                // When the broker's DISCONNECT overtakes Paho's own bookkeeping of the QoS 0 send,
                // Paho fails (or times out) the publish call; the broker's part is the 0x87 below.
            }
            assertThat(v5.disconnected.get(20, TimeUnit.SECONDS)).isEqualTo(0x87);
            try {
                v3.client.publish("secret/x", "no".getBytes(StandardCharsets.UTF_8), 0, false);
            } catch (MqttException closedWhilePublishing) {
                // As above: Paho v3 may report the closed connection as the publish's failure.
            }
            assertThat(v3.lost.await(20, TimeUnit.SECONDS)).as("3.1.1 connection closed").isTrue();
        }
    }

    @Test
    void deniedSubscribeUnderOnDenyDisconnectEndsTheConnection() throws Exception {
        try (Broker broker = PolicyBroker.start("on deny disconnect\n" + BASE);
             V5Client v5 = V5Client.connect(broker.tcpPort(), "dsub-5", v5As("writer"));
             V3Client v3 = V3Client.connect(broker.tcpPort(), "dsub-3", v3As("writer"))) {
            v5.client.subscribe("public/#", 1);
            assertThat(v5.disconnected.get(20, TimeUnit.SECONDS)).isEqualTo(0x87);
            try {
                v3.client.subscribe("public/#", 1);
            } catch (MqttException closedWhileSubscribing) {
                // Paho v3 reports the closed connection as the subscribe's failure: the expected outcome.
            }
            assertThat(v3.lost.await(20, TimeUnit.SECONDS)).as("3.1.1 connection closed").isTrue();
        }
    }

    @Test
    void willIsAuthorizedAsAPublishWhenItIsSent() throws Exception {
        try (Broker broker = PolicyBroker.start(BASE); DenialCapture log = new DenialCapture();
             V5Client watcher = V5Client.connect(broker.tcpPort(), "will-watch", v5As("reader"))) {
            watcher.subscribe("public/#", 1);
            watcher.subscribe("devices/will-watch/#", 1);
            for (String[] will : new String[][] {{"will-denied", "devices/will-watch/inbox"}, {"will-allowed", "public/wills"}}) {
                MqttConnectOptions o = v3As("writer");
                o.setWill(will[1], will[0].getBytes(StandardCharsets.UTF_8), 1, false);
                V3Client c = V3Client.connect(broker.tcpPort(), will[0], o);
                c.client.disconnectForcibly(0, 100, false); // no DISCONNECT: the will is due
                c.client.close(true);
            }
            assertThat(watcher.next(WAIT).payload()).isEqualTo("will-allowed");
            await().atMost(WAIT).until(() -> log.lines().stream().anyMatch(l -> l.startsWith("deny action=will topic=\"devices/will-watch/inbox\" clientid=\"will-denied\"")));
            assertThat(watcher.received).isEmpty();
        }
    }

    @Test
    void retainedMessagesAreFilteredOnSubscribe() throws Exception {
        try (Broker broker = PolicyBroker.start(BASE);
             V5Client writer = V5Client.connect(broker.tcpPort(), "ret-writer", v5As("writer"))) {
            writer.publish("public/secret/r", "hidden", 1, true);
            writer.publish("public/r", "visible", 1, true);
            try (V5Client reader = V5Client.connect(broker.tcpPort(), "ret-reader", v5As("reader"))) {
                reader.subscribe("public/#", 1);
                Received r = reader.next(WAIT);
                assertThat(r.payload()).isEqualTo("visible");
                assertThat(r.retained()).isTrue();
                writer.publish("public/end", "sentinel", 1, false);
                assertThat(reader.next(WAIT).payload()).isEqualTo("sentinel");
            }
        }
    }
}
