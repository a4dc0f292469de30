package io.topicguard.broker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicguard.broker.testing.OperatedBroker;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin endpoints over real HTTP, against a broker with a real client connected. */
class AdminEndpointsTest {

    private static final String POLICY = """
            anonymous allow
            superuser username "admin"
            allow all to publish "devices/${clientid}/#"
            deny all to subscribe "alerts/internal/#"
            allow all to subscribe "alerts/#", "devices/#"
            """;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;
    private Path policyFile;
    private OperatedBroker ob;
    private V5Client device;

    @BeforeEach
    void start() throws Exception {
        policyFile = dir.resolve("policy.acl");
        Files.writeString(policyFile, POLICY);
        ob = OperatedBroker.start(policyFile);
        MqttConnectionOptions o = V5Client.options();
        o.setUserName("alice");
        device = V5Client.connect(ob.port(), "d1", o);
        assertThat(device.subscribe("alerts/#", 1)).isEqualTo(1);
        assertThat(device.subscribe("devices/#", 0)).isZero();
    }

    @AfterEach
    void stop() {
        device.close();
        ob.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ob.ops.adminPort() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String pathAndQuery, int expectedStatus) throws Exception {
        HttpResponse<String> r = get(pathAndQuery);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expectedStatus);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return json.readTree(r.body());
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void policyListsTheLoadedFilesWithChecksumsAndRuleCount() throws Exception {
        JsonNode policy = getJson("/policy", 200);

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(POLICY.getBytes(StandardCharsets.UTF_8)));
        assertThat(policy.at("/files/0/path").asText()).isEqualTo(policyFile.toAbsolutePath().normalize().toString());
        assertThat(policy.at("/files/0/sha256").asText()).isEqualTo(sha);
        assertThat(policy.at("/files/0/loadedAt").asText()).isNotBlank();
        assertThat(policy.get("ruleCount").asInt()).isEqualTo(3);
        assertThat(policy.get("lastReloadError").isNull()).isTrue();
    }

    @Test
    void policyShowsTheLastReloadError() throws Exception {
        Files.writeString(policyFile, POLICY + "allow nobody\n");
        ob.broker.reload();

        JsonNode policy = getJson("/policy", 200);

        assertThat(policy.get("lastReloadError").asText()).contains("policy.acl:6:7");
        assertThat(policy.get("reloadFailures").asInt()).isEqualTo(1);
        assertThat(policy.get("ruleCount").asInt()).as("old policy still in force").isEqualTo(3);
    }

    @Test
    void clientShowsItsAttributesAndSubscriptionsWithTheirClassification() throws Exception {
        JsonNode client = getJson("/clients/d1", 200);

        assertThat(client.get("clientid").asText()).isEqualTo("d1");
        assertThat(client.get("connected").asBoolean()).isTrue();
        assertThat(client.get("username").asText()).isEqualTo("alice");
        assertThat(client.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(client.get("cn").isNull()).isTrue();
        assertThat(client.get("listener").asText()).isEqualTo("tcp");
        assertThat(client.get("superuser").asBoolean()).isFalse();
        assertThat(client.at("/subscriptions/0/filter").asText()).isEqualTo("alerts/#");
        assertThat(client.at("/subscriptions/0/classification").asText()).isEqualTo("partial");
        assertThat(client.at("/subscriptions/1/filter").asText()).isEqualTo("devices/#");
        assertThat(client.at("/subscriptions/1/classification").asText()).isEqualTo("allow");
    }

    @Test
    void checkExplainsAPublishDecisionAgainstTheClientsBinding() throws Exception {
        JsonNode allowed = getJson("/clients/d1/check?action=publish&topic=" + q("devices/d1/up") + "&qos=1", 200);
        assertThat(allowed.get("decision").asText()).isEqualTo("allow");
        assertThat(allowed.get("reason").asText()).isEqualTo("rule");
        assertThat(allowed.get("source").asText()).endsWith("policy.acl:3");
        assertThat(allowed.get("statement").asText()).isEqualTo("allow all to publish \"devices/${clientid}/#\"");

        JsonNode denied = getJson("/clients/d1/check?action=publish&topic=" + q("devices/d2/up") + "&retain=true", 200);
        assertThat(denied.get("decision").asText()).isEqualTo("deny");
        assertThat(denied.get("reason").asText()).isEqualTo("default");
        assertThat(denied.get("explanation").asText()).contains("no rule decided");
    }

    @Test
    void checkClassifiesASubscription() throws Exception {
        JsonNode partial = getJson("/clients/d1/check?action=subscribe&filter=" + q("alerts/#"), 200);

        assertThat(partial.get("decision").asText()).isEqualTo("partial");
        assertThat(partial.get("source").asText()).endsWith("policy.acl:5");
        assertThat(partial.get("explanation").asText()).contains("each delivery");
    }

    @Test
    void aSuperuserIsShownAsSuch() throws Exception {
        MqttConnectionOptions o = V5Client.options();
        o.setUserName("admin");
        try (V5Client admin = V5Client.connect(ob.port(), "ops-console", o)) {
            assertThat(getJson("/clients/ops-console", 200).get("superuser").asBoolean()).isTrue();
            assertThat(getJson("/clients/ops-console/check?action=publish&topic=anything", 200).get("reason").asText()).isEqualTo("superuser");
        }
    }

    @Test
    void clientIdsAreTakenFromThePathLiterallyOncePercentDecoded() throws Exception {
        try (V5Client odd = V5Client.connect(ob.port(), "a+b c/d")) {
            assertThat(getJson("/clients/a+b%20c%2Fd", 200).get("clientid").asText()).isEqualTo("a+b c/d");
            assertThat(getJson("/clients/a+b%20c%2Fd/check?action=publish&topic=" + q("devices/a+b c/d/x"), 200)
                    .get("decision").asText()).isEqualTo("deny");
        }
    }

    @Test
    void unknownClientsAre404WithAMessage() throws Exception {
        JsonNode r = getJson("/clients/nobody", 404);
        assertThat(r.get("error").asText()).isEqualTo("no session for client id 'nobody'");
        assertThat(getJson("/clients/nobody/check?action=publish&topic=a", 404).get("error").asText()).contains("nobody");
    }

    @Test
    void malformedChecksAre400WithAMessage() throws Exception {
        assertThat(getJson("/clients/d1/check", 400).get("error").asText()).contains("missing parameter 'action'");
        assertThat(getJson("/clients/d1/check?action=delete", 400).get("error").asText()).contains("unknown action 'delete'");
        assertThat(getJson("/clients/d1/check?action=publish", 400).get("error").asText()).contains("needs 'topic'");
        assertThat(getJson("/clients/d1/check?action=publish&topic=a&qos=3", 400).get("error").asText()).contains("qos must be 0, 1 or 2");
        assertThat(getJson("/clients/d1/check?action=publish&topic=a&retain=yes", 400).get("error").asText()).contains("retain must be true or false");
        assertThat(getJson("/clients/d1/check?action=subscribe&topic=a", 400).get("error").asText()).contains("unknown parameter 'topic'");
        assertThat(getJson("/clients/d1/check?action=publish&topic=a&topic=b", 400).get("error").asText()).contains("given 2 times");
    }

    @Test
    void anInvalidTopicIsAnsweredLikeTheBrokerWould() throws Exception {
        JsonNode r = getJson("/clients/d1/check?action=publish&topic=" + q("devices/+/up"), 200);
        assertThat(r.get("decision").asText()).isEqualTo("deny");
        assertThat(r.get("reason").asText()).isEqualTo("invalid");
    }

    @Test
    void unknownPathsAndMethodsAreRefusedWithAMessage() throws Exception {
        assertThat(getJson("/nothing", 404).get("error").asText()).contains("unknown path '/nothing'");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ob.ops.adminPort() + "/policy"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).contains("only GET");
    }

    @Test
    void metricsAreServedAsPrometheusText() throws Exception {
        HttpResponse<String> r = get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("topicguard_connected_clients 1.0\n")
                .contains("topicguard_subscriptions{classification=\"allow\"} 1.0\n")
                .contains("topicguard_subscriptions{classification=\"partial\"} 1.0\n")
                .contains("topicguard_decisions_total{action=\"subscribe\",reason=\"rule\",verdict=\"partial\"} 1.0\n");
    }
}
