package io.topicguard.broker.delivery;

import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerInternals;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.topicguard.testkit.mqtt.V5Client.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A reload re-binds open connections: what the new policy forbids stops arriving (docs/semantics.md, Subscribe). */
class PolicyReloadTest {

    /** Where the policy is written and rewritten: a reload reads it from disk, as {@code serve} does. */
    @TempDir
    Path dir;

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final String BEFORE = """
            anonymous deny
            allow username "writer" to publish any
            allow username "reader" to subscribe "public/#", "team/#"
            """;

    private static final String AFTER = """
            anonymous deny
            ban username "evicted"
            allow username "writer" to publish any
            deny username "reader" to subscribe "public/secret/#"
            allow username "reader" to subscribe "public/#"
            """;

    @Test
    void reloadDropsMessagesQueuedForAnAbsentClientThatItMayNoLongerRead() throws Exception {
        MqttConnectionOptions persistent = login("reader");
        persistent.setCleanStart(false);
        persistent.setSessionExpiryInterval(300L);
        try (Broker broker = PolicyBroker.startFromFile(dir.resolve("policy.acl"), BEFORE)) {
            try (V5Client reader = V5Client.connect(broker.tcpPort(), "queued-reader", persistent)) {
                reader.subscribe("public/#", 1);
            }
            try (V5Client writer = V5Client.connect(broker.tcpPort(), "queued-writer", login("writer"))) {
                writer.publish("public/secret/a", "queued secret", 1, false);
                writer.publish("public/open", "queued open", 1, false);
            }
            PolicyBroker.reload(broker, dir.resolve("policy.acl"), AFTER);
            try (V5Client reader = V5Client.connect(broker.tcpPort(), "queued-reader", persistent)) {
                assertThat(reader.next(WAIT).payload()).isEqualTo("queued open");
                try (V5Client writer = V5Client.connect(broker.tcpPort(), "queued-writer", login("writer"))) {
                    writer.publish("public/open", "sentinel", 1, false);
                }
                assertThat(reader.next(WAIT).payload()).isEqualTo("sentinel");
            }
        }
    }

    @Test
    void reloadFiltersNarrowedSubscriptionsDropsForbiddenOnesAndDisconnectsNewlyBannedClients() throws Exception {
        try (Broker broker = PolicyBroker.startFromFile(dir.resolve("policy.acl"), BEFORE);
             V5Client reader = V5Client.connect(broker.tcpPort(), "reload-reader", login("reader"));
             V5Client evicted = V5Client.connect(broker.tcpPort(), "reload-evicted", login("evicted"));
             V5Client writer = V5Client.connect(broker.tcpPort(), "reload-writer", login("writer"))) {
            assertThat(reader.subscribe("public/#", 1)).isEqualTo(1);
            assertThat(reader.subscribe("team/#", 1)).isEqualTo(1);
            writer.publish("public/secret/a", "before", 1, false);
            assertThat(reader.next(WAIT).payload()).isEqualTo("before");

            PolicyBroker.reload(broker, dir.resolve("policy.acl"), AFTER);
            assertThat(evicted.disconnected.get(5, TimeUnit.SECONDS)).isEqualTo(0x98);

            // The reload runs on each connection's event loop; publish until the new policy shows.
            await().atMost(WAIT).until(() -> {
                writer.publish("public/secret/a", "probe", 1, false);
                writer.publish("public/open", "sentinel", 1, false);
                List<Received> got = new ArrayList<>();
                for (Received r = reader.next(WAIT); !r.payload().equals("sentinel"); r = reader.next(WAIT)) {
                    got.add(r);
                }
                return got.isEmpty();
            });
            writer.publish("team/x", "forbidden now", 1, false);
            writer.publish("public/secret/b", "forbidden now", 1, false);
            writer.publish("public/open", "sentinel", 1, false);
            assertThat(reader.next(WAIT).payload()).isEqualTo("sentinel");
            assertThat(BrokerInternals.subscriptions(broker).match("team/x").subscriptions()).isEmpty();
        }
    }
}
