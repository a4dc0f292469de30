package io.topicguard.hivemq;

import io.topicguard.auth.password.PasswordFileEditor;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client sees of topicguard inside HiveMQ: the CONNACK codes of a ban, an anonymous client
 * under {@code anonymous deny}, a wrong password and an unknown user (MQTT 5 and 3.1.1), refused
 * subscriptions, refused publishes and wills, and the denial lines naming the deciding
 * {@code file:line}.
 */
class ConnectAndDenyTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static final String POLICY = """
            default deny
            anonymous deny
            ban username "mallory"
            allow username "alice" to publish "alice/#"
            allow username "alice" to subscribe "alice/#"
            """;

    private static EmbeddedTopicguard hivemq;
    private static int metricsPort;

    @BeforeAll
    static void start() throws Exception {
        metricsPort = EmbeddedTopicguard.freePort();
        Path dir = EmbeddedTopicguard.folder("""
                policy: policy.acl
                authentication:
                  - password-file: passwd
                metrics: {port: %d, bind: 127.0.0.1}
                """.formatted(metricsPort), "policy.acl", POLICY, "passwd", "");
        PasswordFileEditor.setPassword(dir.resolve("passwd"), "alice", "secret".getBytes(StandardCharsets.UTF_8));
        PasswordFileEditor.setPassword(dir.resolve("passwd"), "mallory", "secret".getBytes(StandardCharsets.UTF_8));
        hivemq = EmbeddedTopicguard.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        hivemq.close();
    }

    @Test
    void mqtt5ConnackCodesSayWhyAClientWasRefused() throws Exception {
        assertThat(V5Client.connectReasonCode(hivemq.port(), "c5-ok", V5Client.login("alice", "secret"))).isZero();
        assertThat(V5Client.connectReasonCode(hivemq.port(), "c5-wrong", V5Client.login("alice", "wrong"))).isEqualTo(0x86);
        assertThat(V5Client.connectReasonCode(hivemq.port(), "c5-unknown", V5Client.login("bob", "secret"))).isEqualTo(0x86);
        assertThat(V5Client.connectReasonCode(hivemq.port(), "c5-nopass", V5Client.login("alice"))).isEqualTo(0x86);
        assertThat(V5Client.connectReasonCode(hivemq.port(), "c5-anon", V5Client.options())).isEqualTo(0x87);
        assertThat(V5Client.connectReasonCode(hivemq.port(), "c5-banned", V5Client.login("mallory", "secret"))).isEqualTo(0x8A);
    }

    @Test
    void mqtt3ReturnCodesSayWhyAClientWasRefused() throws Exception {
        assertThat(v3ConnectCode("c3-ok", V3Client.login("alice", "secret"))).isZero();
        assertThat(v3ConnectCode("c3-wrong", V3Client.login("alice", "wrong"))).isEqualTo(4);
        assertThat(v3ConnectCode("c3-anon", V3Client.options())).isEqualTo(5);
        assertThat(v3ConnectCode("c3-banned", V3Client.login("mallory", "secret"))).isEqualTo(5);
    }

    @Test
    void aRefusedSubscriptionIsLoggedWithTheDecidingLine() throws Exception {
        try (LogLines denials = new LogLines();
             V5Client v5 = V5Client.connect(hivemq.port(), "sub-v5", V5Client.login("alice", "secret"));
             V3Client v3 = V3Client.connect(hivemq.port(), "sub-v3", V3Client.login("alice", "secret"))) {
            assertThat(v5.subscribe("alice/#", 1)).isEqualTo(1);
            assertThat(v5.subscribe("bob/#", 1)).isEqualTo(0x87);
            assertThat(v3.subscribe("bob/+", 1)).isEqualTo(0x80);
            await().atMost(WAIT).until(() -> denials.lines().size() >= 2);
            assertThat(denials.lines()).anySatisfy(line -> assertThat(line)
                    .containsPattern("^deny subscribe reason=default source=\\S*policy\\.acl:1 ")
                    .contains("client=\"sub-v5\"", "username=\"alice\"", "listener=tcp", "topic=\"bob/#\""));
        }
    }

    @Test
    void aRefusedPublishIsNeverDeliveredAndHiveMqDisconnectsThePublisher() throws Exception {
        try (LogLines denials = new LogLines();
             V5Client reader = V5Client.connect(hivemq.port(), "pub-reader", V5Client.login("alice", "secret"));
             V5Client writer = V5Client.connect(hivemq.port(), "pub-writer", V5Client.login("alice", "secret"))) {
            reader.subscribe("alice/#", 1);
            MqttMessage denied = new MqttMessage("no".getBytes(StandardCharsets.UTF_8));
            denied.setQos(1);
            writer.client.publish("bob/x", denied);
            // HiveMQ CE ends the connection of a client whose PUBLISH was refused (docs/hivemq.md).
            assertThat(writer.disconnected).succeedsWithin(WAIT);
            await().atMost(WAIT).until(() -> denials.lines().stream().anyMatch(l -> l.startsWith("deny publish ") && l.contains("topic=\"bob/x\"")));
            try (V5Client again = V5Client.connect(hivemq.port(), "pub-writer-2", V5Client.login("alice", "secret"))) {
                again.publish("alice/end", "sentinel", 1, false);
            }
            assertThat(reader.next(WAIT).payload()).isEqualTo("sentinel");
        }
    }

    @Test
    void aWillOnATopicTheClientMayNotPublishIsRefusedAtConnect() throws Exception {
        try (LogLines denials = new LogLines()) {
            MqttConnectionOptions options = V5Client.login("alice", "secret");
            options.setWill("bob/will", new MqttMessage("w".getBytes(StandardCharsets.UTF_8)));
            assertThat(V5Client.connectReasonCode(hivemq.port(), "will-denied", options)).isEqualTo(0x87);
            assertThat(denials.lines()).anySatisfy(line -> assertThat(line).startsWith("deny will ").contains("topic=\"bob/will\""));
        }
    }

    @Test
    void decisionsAreCountedForPrometheus() throws Exception {
        try (V5Client v5 = V5Client.connect(hivemq.port(), "metrics-v5", V5Client.login("alice", "secret"))) {
            assertThat(v5.subscribe("bob/metrics", 0)).isEqualTo(0x87);
        }
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("(?m)^topicguard_decisions_total\\{action=\"subscribe\",verdict=\"deny\"} [1-9]")
                .containsPattern("(?m)^topicguard_decisions_total\\{action=\"connect\",verdict=\"allow\"} [1-9]");
    }

    private static int v3ConnectCode(String clientId, MqttConnectOptions options) throws MqttException {
        try (V3Client c = V3Client.create(hivemq.port(), clientId)) {
            c.client.connect(options);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }
}
