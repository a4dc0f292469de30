package io.topicguard.broker.persistence;

import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V3Client;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker runs as its own process and is killed with {@code kill -9}; a new broker on the same
 * data directory still has every acknowledged message and every retained message.
 */
class CrashRecoveryTest {

    private static final Duration WAIT = BrokerProcess.WAIT;

    private static final String POLICY = StoredBroker.OPEN;

    @TempDir
    Path dir;

    private Path policy(String text) throws Exception {
        return StoredBroker.policy(dir, text);
    }

    /**
     * A publisher: Paho frees a synchronous publish's in-flight slot just after the PUBACK wakes
     * the caller, so a tight loop can briefly see its default maximum of 10 in use.
     */
    private static MqttConnectOptions writer(String username) {
        MqttConnectOptions o = V3Client.login(username);
        o.setMaxInflight(1000);
        return o;
    }

    private static MqttConnectOptions persistent() {
        return StoredBroker.persistent();
    }

    @Test
    void everyAcknowledgedMessageOfAQos1StreamAndEveryRetainedMessageSurvivesKill9() throws Exception {
        Path policy = policy(POLICY);
        Path data = dir.resolve("data");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run1.log"))) {
            int port = broker.awaitPort();
            try (V3Client setup = V3Client.connect(port, "retainer")) {
                for (int i = 0; i < 20; i++) {
                    setup.publish("state/" + i, "r" + i, 1, true);
                }
                setup.publish("state/3", "", 1, true); // cleared: must stay cleared
            }
            V3Client reader = V3Client.connect(port, "reader", persistent());
            reader.subscribe("stream/#", 1);
            V3Client writer = V3Client.connect(port, "writer", writer(null));
            CountDownLatch halfway = new CountDownLatch(100);
            CountDownLatch later = new CountDownLatch(300);
            Thread publishing = new Thread(() -> {
                // Synchronous Paho: publish returns once the PUBACK came, so the set holds exactly what was acknowledged.
                for (int i = 0; ; i++) {
                    try {
                        writer.publish("stream/" + (i % 7), "m" + i, 1, false);
                    } catch (MqttException connectionGone) {
                        return;
                    }
                    acknowledged.add("m" + i);
                    halfway.countDown();
                    later.countDown();
                }
            });
            publishing.start();
            assertThat(halfway.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("100 messages acknowledged").isTrue();
            reader.client.disconnectForcibly(0, 5_000, false); // the reader goes away: the rest is queued for it
            assertThat(later.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("300 messages acknowledged").isTrue();
            broker.kill(); // while the stream is running
            publishing.join(WAIT.toMillis());
            reader.received.forEach(r -> received.add(r.payload()));
            reader.client.close(true);
            writer.client.close(true);
        }

        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run2.log"))) {
            int port = broker.awaitPort();
            try (V3Client reader = V3Client.create(port, "reader")) {
                reader.client.connect(persistent());
                await().atMost(WAIT).untilAsserted(() -> {
                    Received r;
                    while ((r = reader.received.poll()) != null) {
                        received.add(r.payload());
                    }
                    assertThat(received).containsAll(acknowledged);
                });
            }
            try (V3Client late = V3Client.connect(port, "late")) {
                late.subscribe("state/#", 1);
                List<Received> retained = new ArrayList<>();
                await().atMost(WAIT).untilAsserted(() -> {
                    late.received.drainTo(retained);
                    assertThat(retained).hasSize(19);
                });
                assertThat(retained).allMatch(Received::retained);
                assertThat(retained.stream().map(Received::payload).collect(Collectors.toSet()))
                        .isEqualTo(IntStream.range(0, 20).filter(i -> i != 3).mapToObj(i -> "r" + i).collect(Collectors.toSet()));
            }
        }
    }

    @Test
    void messagesQueuedForAnOfflineSessionSurviveKill9AndThePolicyInForceAtRestartDecides() throws Exception {
        Path policy = policy("""
                allow username "writer" to publish any
                allow username "reader" to subscribe "public/#"
                """);
        Path data = dir.resolve("data");
        MqttConnectOptions reader = V3Client.login("reader");
        reader.setCleanSession(false);
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run1.log"))) {
            int port = broker.awaitPort();
            try (V3Client r = V3Client.connect(port, "reader", reader)) {
                assertThat(r.subscribe("public/#", 1)).isEqualTo(1);
            }
            try (V3Client w = V3Client.connect(port, "writer", writer("writer"))) {
                for (int i = 0; i < 100; i++) {
                    w.publish("public/open/" + i, "open" + i, 1, false);
                    w.publish("public/secret/" + i, "secret" + i, 1, false);
                }
            }
            broker.kill(); // 200 messages acknowledged and queued for the absent reader
        }
        // While the broker was down, the reader lost the right to read public/secret.
        policy("""
                allow username "writer" to publish any
                deny username "reader" to subscribe "public/secret/#"
                allow username "reader" to subscribe "public/#"
                """);

        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run2.log"))) {
            int port = broker.awaitPort();
            try (V3Client w = V3Client.connect(port, "writer", writer("writer"))) {
                w.publish("public/secret/late", "secret-late", 1, false); // routed to the restored, absent session
            }
            try (V3Client r = V3Client.create(port, "reader");
                 V3Client w = V3Client.connect(port, "writer", writer("writer"))) {
                r.client.connect(reader);
                w.publish("public/open/last", "last", 1, false);
                List<Received> got = new ArrayList<>();
                await().atMost(WAIT).untilAsserted(() -> {
                    r.received.drainTo(got);
                    assertThat(got).extracting(Received::payload).contains("last");
                });
                Set<String> payloads = got.stream().map(Received::payload).collect(Collectors.toSet());
                assertThat(payloads).containsAll(IntStream.range(0, 100).mapToObj(i -> "open" + i).toList());
                assertThat(payloads).noneMatch(p -> p.startsWith("secret"));
            }
        }
    }

    @Test
    void qos2MessagesQueuedForAnOfflineSessionArriveExactlyOnceAfterKill9() throws Exception {
        Path policy = policy(POLICY);
        Path data = dir.resolve("data");
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run1.log"))) {
            int port = broker.awaitPort();
            try (V3Client r = V3Client.connect(port, "q2-reader", persistent())) {
                assertThat(r.subscribe("q2/#", 2)).isEqualTo(2);
            }
            try (V3Client w = V3Client.connect(port, "q2-writer", writer(null))) {
                for (int i = 0; i < 50; i++) {
                    w.publish("q2/" + i, "x" + i, 2, false); // returns after PUBCOMP: PUBREC came after the commit
                }
            }
            broker.kill();
        }
        try (BrokerProcess broker = BrokerProcess.start(policy, data, dir.resolve("run2.log"))) {
            int port = broker.awaitPort();
            try (V3Client r = V3Client.create(port, "q2-reader"); V3Client w = V3Client.connect(port, "q2-writer", writer(null))) {
                r.client.connect(persistent());
                w.publish("q2/last", "last", 2, false); // queued behind the restored messages, so it comes after them
                List<Received> got = new ArrayList<>();
                await().atMost(WAIT).untilAsserted(() -> {
                    r.received.drainTo(got);
                    assertThat(got).extracting(Received::payload).contains("last");
                });
                assertThat(got).extracting(Received::payload).filteredOn(p -> !p.equals("last"))
                        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).mapToObj(i -> "x" + i).toList());
                assertThat(got).allMatch(m -> m.qos() == 2);
            }
        }
    }

    @Test
    void aSecondBrokerOnTheSameDirectoryFailsNamingTheStore() throws Exception {
        Path policy = policy(POLICY);
        Path data = dir.resolve("data");
        try (BrokerProcess first = BrokerProcess.start(policy, data, dir.resolve("first.log"))) {
            first.awaitPort();
            try (BrokerProcess second = BrokerProcess.start(policy, data, dir.resolve("second.log"))) {
                assertThat(second.awaitExit()).isEqualTo(2);
                assertThat(second.log()).contains("ERROR cannot open the store " + data.resolve(MvStorePersistence.FILE_NAME))
                        .contains("in use by another process");
            }
        }
    }
}
