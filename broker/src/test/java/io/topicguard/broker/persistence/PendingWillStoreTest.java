package io.topicguard.broker.persistence;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.session.SessionRegistry;
import io.topicguard.testkit.mqtt.RawMqttClient;
import io.topicguard.testkit.mqtt.V3Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pending will's life in the store, across clean stops: written when it starts waiting, removed
 * when it is sent or when its client comes back, and restored with its deadline as an instant.
 */
class PendingWillStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final Logger registryLog = (Logger) LoggerFactory.getLogger(SessionRegistry.class);
    private final ListAppender<ILoggingEvent> registryLines = new ListAppender<>();

    @BeforeEach
    void listenToTheRegistry() {
        registryLines.start();
        registryLog.addAppender(registryLines);
        registryLog.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopListening() {
        registryLog.detachAppender(registryLines);
        registryLog.setLevel(null);
    }

    /** {@code clientId} leaves without DISCONNECT; returns once the registry says its will waits (it is stored then). */
    private void leave(Broker broker, String clientId, int willDelay) throws Exception {
        try (RawMqttClient w = RawMqttClient.connect(broker.tcpPort())) {
            RawPackets.connected(w, RawPackets.connectWithWill(clientId, 3600, willDelay));
        }
        await().atMost(WAIT).until(() -> {
            synchronized (registryLines) { // AppenderBase.doAppend holds this lock while appending
                return registryLines.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("will of " + clientId + " pending"));
            }
        });
    }

    private static boolean stored(Path dir, String clientId) throws Exception {
        try (MvStorePersistence store = StoredBroker.store(dir)) {
            return store.wills.containsKey(clientId);
        }
    }

    @Test
    void aWillIsStoredWhileItWaitsAndLeavesTheStoreWhenItsClientComesBack() throws Exception {
        try (Broker broker = StoredBroker.start(dir)) {
            leave(broker, "back", 3600);
        }
        assertThat(stored(dir, "back")).as("stored while it waits, kept by a clean stop").isTrue();
        try (Broker broker = StoredBroker.start(dir); RawMqttClient again = RawMqttClient.connect(broker.tcpPort())) {
            again.connectV5("back", false, 3600); // resumes the session: the will is cancelled (MQTT-3.1.3-9)
            again.next(MqttMessageType.CONNACK, WAIT);
        }
        assertThat(stored(dir, "back")).as("cancelled by the client's return").isFalse();
    }

    @Test
    void aWillWhoseDeadlinePassedWhileTheBrokerWasStoppedIsSentAtOnceAndLeavesTheStore() throws Exception {
        try (Broker broker = StoredBroker.start(dir)) {
            try (V3Client watcher = V3Client.connect(broker.tcpPort(), "watcher", StoredBroker.persistent())) {
                assertThat(watcher.subscribe("will/#", 1)).isEqualTo(1);
            }
            leave(broker, "late", 3600);
        }
        // As if the broker had been stopped for more than the hour the will waits.
        try (MvStorePersistence store = StoredBroker.store(dir)) {
            Codec.PendingWill w = Codec.will(store.wills.get("late"));
            store.wills.put("late", Codec.will(w.boundTo(null), System.currentTimeMillis() - 1_000));
        }
        try (Broker broker = StoredBroker.start(dir); V3Client watcher = V3Client.create(broker.tcpPort(), "watcher")) {
            watcher.client.connect(StoredBroker.persistent());
            assertThat(watcher.next(WAIT).topic()).as("due at restore, not an hour later").isEqualTo("will/late");
        }
        assertThat(stored(dir, "late")).as("sent, so no longer stored").isFalse();
    }
}
