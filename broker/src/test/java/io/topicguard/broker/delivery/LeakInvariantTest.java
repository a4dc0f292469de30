package io.topicguard.broker.delivery;

import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.topicguard.testkit.mqtt.Deliveries.topics;
import static io.topicguard.testkit.mqtt.Deliveries.untilSentinel;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/semantics.md, Subscribe and What the tests hold: a subscriber never receives a message on a topic it may not read —
 * through wildcards, shared subscriptions, retained messages or wills. Many topics are published;
 * exactly the readable ones arrive.
 */
class LeakInvariantTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final String POLICY = """
            default deny
            anonymous deny
            allow username "writer" to publish any
            allow username "writer" to subscribe "#"
            deny username "reader" to subscribe "public/secret/#"
            allow username "reader" to subscribe "public/#", "devices/+/status", eq "exact/only"
            """;

    private static final List<String> TOPICS = List.of(
            "public", "public/a", "public/b/c", "public/secret", "public/secret/x", "public/secret/x/y", "public/secretive",
            "devices/d1/status", "devices/d1/cmd", "devices/d1/status/extra", "devices//status",
            "exact/only", "exact/only/not", "exact", "private/x", "a", "$SYS/broker", "$public/a", "/public/a");

    /**
     * What the reader may read, written straight from the policy above. The {@code eq} rule
     * matches a delivery only through a subscription to exactly that filter (docs/semantics.md, Subscribe).
     */
    private static boolean readable(String topic, boolean subscribedToExactOnly) {
        if (topic.equals("exact/only")) {
            return subscribedToExactOnly;
        }
        if (topic.equals("public/secret") || topic.startsWith("public/secret/")) {
            return false;
        }
        return topic.equals("public") || topic.startsWith("public/")
                || topic.matches("devices/[^/]*/status");
    }

    private static Broker broker;

    @BeforeAll
    static void start() {
        broker = PolicyBroker.start(POLICY);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static Set<String> expected(boolean subscribedToExactOnly) {
        Set<String> out = new TreeSet<>();
        for (String t : TOPICS) {
            if (readable(t, subscribedToExactOnly)) {
                out.add(t);
            }
        }
        return out;
    }

    @Test
    void wildcardSubscribersReceiveExactlyTheReadableTopics() throws Exception {
        try (V5Client v5 = V5Client.connect(broker.tcpPort(), "leak-v5", V5Client.login("reader"));
             V3Client v3 = V3Client.connect(broker.tcpPort(), "leak-v3", V3Client.login("reader"));
             V5Client writer = V5Client.connect(broker.tcpPort(), "leak-writer", V5Client.login("writer"))) {
            for (String filter : List.of("#", "+/#", "public/#", "+/+/status", "devices/#")) {
                v5.subscribe(filter, 1);
                v3.subscribe(filter, 1);
            }
            v5.subscribe("exact/only", 1);
            v3.subscribe("exact/only", 1);
            for (String t : TOPICS) {
                writer.publish(t, t, 1, false);
            }
            writer.publish("public/zz-end", "sentinel", 1, false);
            assertThat(topics(untilSentinel(v5.received, WAIT))).isEqualTo(expected(true));
            assertThat(topics(untilSentinel(v3.received, WAIT))).isEqualTo(expected(true));
        }
    }

    @Test
    void sharedSubscriptionMembersReceiveExactlyTheReadableTopics() throws Exception {
        try (V5Client a = V5Client.connect(broker.tcpPort(), "leak-share-a", V5Client.login("reader"));
             V5Client b = V5Client.connect(broker.tcpPort(), "leak-share-b", V5Client.login("reader"));
             V5Client writer = V5Client.connect(broker.tcpPort(), "leak-share-writer", V5Client.login("writer"))) {
            a.subscribe("$share/g/#", 1);
            b.subscribe("$share/g/#", 1);
            a.subscribe("public/zz-end", 1);
            b.subscribe("public/zz-end", 1);
            for (String t : TOPICS) {
                writer.publish(t, t, 1, false);
            }
            writer.publish("public/zz-end", "sentinel", 1, false);
            List<Received> all = new ArrayList<>(untilSentinel(a.received, WAIT));
            all.addAll(untilSentinel(b.received, WAIT));
            all.removeIf(r -> r.payload().equals("sentinel"));
            assertThat(all).extracting(Received::topic).doesNotHaveDuplicates();
            assertThat(topics(all)).isEqualTo(expected(false));
        }
    }

    @Test
    void retainedMessagesDeliveredOnSubscribeAreExactlyTheReadableOnes() throws Exception {
        try (V5Client writer = V5Client.connect(broker.tcpPort(), "leak-ret-writer", V5Client.login("writer"))) {
            for (String t : TOPICS) {
                writer.publish(t, t, 1, true);
            }
            try (V5Client reader = V5Client.connect(broker.tcpPort(), "leak-ret-reader", V5Client.login("reader"))) {
                reader.subscribe("#", 1);
                reader.subscribe("$SYS/#", 1);
                reader.subscribe("public/zz-end", 1);
                writer.publish("public/zz-end", "sentinel", 1, false);
                List<Received> got = untilSentinel(reader.received, WAIT);
                assertThat(got).allSatisfy(r -> assertThat(r.retained()).as(r.topic() + " retained").isTrue());
                assertThat(topics(got)).isEqualTo(expected(false));
            } finally {
                for (String t : TOPICS) {
                    writer.publish(t, "", 1, true);
                }
            }
        }
    }

    @Test
    void willsReachOnlySubscribersThatMayReadTheirTopic() throws Exception {
        try (V5Client reader = V5Client.connect(broker.tcpPort(), "leak-will-reader", V5Client.login("reader"));
             V5Client writer = V5Client.connect(broker.tcpPort(), "leak-will-writer", V5Client.login("writer"))) {
            reader.subscribe("#", 1);
            for (String t : List.of("public/secret/will", "public/will", "private/will")) {
                MqttConnectOptions o = V3Client.login("writer");
                o.setWill(t, t.getBytes(StandardCharsets.UTF_8), 1, false);
                V3Client dying = V3Client.connect(broker.tcpPort(), "dying-" + t.replace('/', '-'), o);
                dying.client.disconnectForcibly(0, 100, false);
                dying.client.close(true);
            }
            // Wills are published asynchronously: wait for the readable one, then flush with a sentinel.
            assertThat(reader.next(WAIT).topic()).isEqualTo("public/will");
            writer.publish("public/zz-end", "sentinel", 1, false);
            assertThat(untilSentinel(reader.received, WAIT)).isEmpty();
        }
    }
}
