package io.topicguard.authz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Subscription;
import io.topicguard.engine.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer of {@code /emqx/authz}, {@code /mosquitto/acl} and {@code auth_on_publish} is the
 * engine's decision for the same question, reason and {@code file:line} included, over the example
 * policy (includes, placeholders, partial subscriptions, superusers, addresses) and questions
 * drawn from its own vocabulary.
 */
class EngineAgreementTest {

    @TempDir
    static Path dir;

    private static TestService service;

    private static final List<String> USERNAMES = List.of("sensor-17", "dashboard", "control", "admin", "acme-ops",
            "acme-billing", "globex-1", "stranger", "");
    private static final List<String> CLIENT_IDS = List.of("sensor-17", "dev-1", "mallory-3", "");
    private static final List<String> ADDRESSES = List.of("127.0.0.1", "10.10.0.5", "192.0.2.1");
    private static final List<String> TOPICS = List.of("telemetry/sensor-17/temperature", "telemetry/sensor-17/a/b",
            "devices/dev-1/x", "devices/sensor-17/#", "devices/+/x", "commands/dev-1/set", "commands/+/set",
            "tenants/acme/#", "tenants/acme/billing/q1", "tenants/acme/ops", "tenants/globex/#", "$SYS/broker",
            "#", "+/#", "factory/1/alarms", "a/b", "telemetry/#", "bad/+/topic/#/x");

    @BeforeAll
    static void start() throws Exception {
        Path examples = Path.of("..", "examples");
        Files.createDirectories(dir.resolve("tenants"));
        for (String file : List.of("policy.acl", "tenants/acme.acl", "tenants/globex.acl")) {
            Files.copy(examples.resolve(file), dir.resolve(file));
        }
        service = TestService.start(dir.resolve("policy.acl"), Map.of());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void everyAnswerIsTheEnginesDecision() throws Exception {
        Random random = new Random(18);
        for (int i = 0; i < 400; i++) {
            String username = pick(random, USERNAMES);
            String clientId = pick(random, CLIENT_IDS);
            String address = pick(random, ADDRESSES);
            String topic = pick(random, TOPICS);
            int qos = random.nextInt(3);
            boolean retain = random.nextBoolean();
            ClientBinding withAddress = service.policy.get().bind(ClientInfo.builder(clientId)
                    .username(username.isEmpty() ? null : username).address(InetAddress.getByName(address)).build());
            ClientBinding withoutAddress = service.policy.get().bind(ClientInfo.builder(clientId)
                    .username(username.isEmpty() ? null : username).build());
            String question = username + "/" + clientId + "@" + address + " " + topic + " qos " + qos + " retain " + retain;

            ObjectNode emqx = TestService.JSON.createObjectNode().put("username", username).put("clientid", clientId)
                    .put("peerhost", address).put("topic", topic).put("qos", String.valueOf(qos)).put("retain", String.valueOf(retain));
            Decision publish = withAddress.publish(topic, qos, retain);
            assertAnswer(service.post("/emqx/authz", emqx.put("action", "publish").toString()), publish,
                    publish.allowed() ? "allow" : "deny", "emqx publish " + question);
            Decision subscribe = withAddress.subscribe(topic, qos);
            assertAnswer(service.post("/emqx/authz", emqx.put("action", "subscribe").toString()), subscribe,
                    subscribe.verdict() == Verdict.ALLOW ? "allow" : "deny", "emqx subscribe " + question);

            ObjectNode mosquitto = TestService.JSON.createObjectNode().put("username", username).put("clientid", clientId).put("topic", topic);
            Decision write = withoutAddress.publish(topic, 0, false);
            assertMosquitto(service.post("/mosquitto/acl", mosquitto.put("acc", 2).toString()), write, write.allowed(), "write " + question);
            Decision read = withoutAddress.deliver(topic, Subscription.of(topic, 0));
            assertMosquitto(service.post("/mosquitto/acl", mosquitto.put("acc", 1).toString()), read, read.allowed(), "read " + question);
            Decision sub = withoutAddress.subscribe(topic, 0);
            assertMosquitto(service.post("/mosquitto/acl", mosquitto.put("acc", 4).toString()), sub, sub.verdict() != Verdict.DENY,
                    "subscribe " + question);

            ObjectNode verne = TestService.JSON.createObjectNode().put("client_id", clientId).put("topic", topic).put("qos", qos)
                    .put("retain", retain);
            if (username.isEmpty()) {
                verne.putNull("username");
            } else {
                verne.put("username", username);
            }
            Decision vernePublish = withoutAddress.publish(topic, qos, retain);
            HttpResponse<String> answer = service.post("/vernemq", verne.toString(), "vernemq-hook", "auth_on_publish");
            assertThat(TestService.json(answer).get("result").isTextual()).as("vernemq publish " + question).isEqualTo(vernePublish.allowed());
            assertThat(answer.headers().firstValue(Reply.REASON_HEADER)).as(question).hasValue(Reply.explain(vernePublish));
        }
    }

    private static void assertAnswer(HttpResponse<String> response, Decision decision, String result, String question) {
        assertThat(response.statusCode()).as(question).isEqualTo(200);
        assertThat(TestService.json(response).get("result").asText()).as(question).isEqualTo(result);
        assertThat(response.headers().firstValue(Reply.REASON_HEADER)).as(question).hasValue(Reply.explain(decision));
    }

    private static void assertMosquitto(HttpResponse<String> response, Decision decision, boolean allowed, String question) {
        assertThat(response.statusCode()).as(question + " " + response.body()).isEqualTo(allowed ? 200 : 403);
        assertThat(TestService.json(response).get("Error").asText()).as(question).isEqualTo(allowed ? "" : Reply.explain(decision));
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
