package io.topicguard.broker.persistence;

import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V3Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A will waiting for its delay, or for its session to expire, survives {@code kill -9}: the broker
 * restarted on the same directory sends it when its time comes, the time the broker was down
 * counting as time elapsed, and only if the policy in force then allows it.
 */
class PendingWillCrashTest {

    private static final Duration WAIT = BrokerProcess.WAIT;

    @TempDir
    Path dir;

    /** A persistent session subscribed to every will, gone before the wills are sent: they are queued for it. */
    private static void watchWills(int port) throws Exception {
        try (V3Client watcher = V3Client.connect(port, "watcher", StoredBroker.persistent())) {
            assertThat(watcher.subscribe("will/#", 1)).isEqualTo(1);
        }
    }

    /**
     * {@code clientId} leaves without DISCONNECT, its will pending; returns once that is committed:
     * the registry logs the pending will after writing it, and a QoS 1 PUBACK follows the next commit.
     */
    private static void leaveWithPendingWill(BrokerProcess broker, int port, String clientId, int sessionExpiry, int willDelay)
            throws Exception {
        try (RawMqttClient w = RawMqttClient.connect(port)) {
            RawPackets.connected(w, RawPackets.connectWithWill(clientId, sessionExpiry, willDelay));
        }
        await().atMost(WAIT).until(() -> broker.log().contains("will of " + clientId + " pending"));
        try (V3Client probe = V3Client.connect(port, "probe")) {
            probe.publish("probe", "commit", 1, false);
        }
    }

    private static Received nextWill(int port) throws Exception {
        try (V3Client watcher = V3Client.create(port, "watcher")) {
            watcher.client.connect(StoredBroker.persistent());
            return watcher.next(WAIT);
        }
    }

    @Test
    void aWillWaitingForItsDelayIsSentAfterKill9AndRestart() throws Exception {
        Path policy = StoredBroker.policy(dir, StoredBroker.OPEN);
        Path data = dir.resolve("data");
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run1.log"))) {
            int port = broker.awaitPort();
            watchWills(port);
            leaveWithPendingWill(broker, port, "delayed", 3600, 2);
            broker.kill();
        }
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run2.log"))) {
            int port = broker.awaitPort();
            Received will = nextWill(port);
            assertThat(will.topic()).isEqualTo("will/delayed");
            assertThat(will.payload()).isEqualTo("gone delayed");
        }
    }

    @Test
    void aWillWaitingForItsSessionToEndIsSentWhenTheSessionExpiredWhileTheBrokerWasDown() throws Exception {
        Path policy = StoredBroker.policy(dir, StoredBroker.OPEN);
        Path data = dir.resolve("data");
        long left;
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run1.log"))) {
            int port = broker.awaitPort();
            watchWills(port);
            left = System.currentTimeMillis();
            leaveWithPendingWill(broker, port, "expiring", 2, 3600); // the session ends long before the will's delay
            broker.kill();
        }
        // The broker stays down past the session's expiry: that time counts.
        await().atMost(WAIT).until(() -> System.currentTimeMillis() > left + 3_000);
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run2.log"))) {
            int port = broker.awaitPort();
            assertThat(nextWill(port).topic()).isEqualTo("will/expiring");
            try (RawMqttClient again = RawMqttClient.connect(port)) {
                assertThat(RawPackets.connected(again, RawPackets.connectWithWill("expiring", 60, 0)))
                        .as("the expired session was discarded at restore").isFalse();
            }
        }
    }

    @Test
    void aRestoredWillIsAuthorizedByThePolicyInForceWhenItIsSent() throws Exception {
        Path policy = StoredBroker.policy(dir, StoredBroker.OPEN);
        Path data = dir.resolve("data");
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run1.log"))) {
            int port = broker.awaitPort();
            leaveWithPendingWill(broker, port, "revoked", 3600, 1);
            broker.kill();
        }
        // While the broker was down, nobody may publish wills any more.
        StoredBroker.policy(dir, """
                anonymous allow
                allow all to publish "probe"
                allow all to subscribe any
                """);
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run2.log"))) {
            broker.awaitPort();
            await().atMost(WAIT).untilAsserted(() -> assertThat(broker.log()).contains("action=will").contains("topic=\"will/revoked\""));
        }
    }
}
