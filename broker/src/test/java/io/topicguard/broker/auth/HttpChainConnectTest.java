package io.topicguard.broker.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.Authenticators;
import io.topicguard.auth.config.HttpAuthConfig;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.DenialCapture;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code http} authenticator through the broker, against an authentication service on a real
 * socket speaking EMQX 5's contract: {@code allow} admits (with {@code is_superuser}),
 * {@code deny} is "bad username or password", {@code ignore} and a 500 leave a client with a
 * username refused the same way, and the service saw the CONNECT's fields.
 */
class HttpChainConnectTest {

    private static final String POLICY = """
            anonymous deny
            default deny
            allow all to publish, subscribe "devices/${username}/#"
            """;

    private HttpServer service;
    private Broker broker;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/auth", this::answer);
        service.start();
        String url = "http://127.0.0.1:" + service.getAddress().getPort() + "/auth";
        AuthenticationChain chain = AuthenticationChain.of(Authenticators.create(List.of(new HttpAuthConfig(url, HttpAuthConfig.Method.POST,
                Map.of(), Map.of("username", "${username}", "password", "${password}", "clientid", "${clientid}"),
                Duration.ofSeconds(2), 4)), Clock.systemUTC()));
        broker = TestBroker.start(AccessControl.of(PolicyBroker.policy(POLICY)), chain,
                ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5)));
    }

    /** allow when the password is "<username>-ok" (superuser for "root"), deny for "deny-me", 500 for "broken", else ignore. */
    private void answer(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        String username = body.path("username").asText();
        String password = body.path("password").asText();
        int status = 200;
        String answer;
        if (password.equals(username + "-ok") && body.path("clientid").asText().startsWith(username)) {
            answer = "{\"result\":\"allow\",\"is_superuser\":" + username.equals("root") + "}";
        } else if (password.equals("deny-me")) {
            answer = "{\"result\":\"deny\"}";
        } else if (password.equals("broken")) {
            status = 500;
            answer = "{}";
        } else {
            answer = "{\"result\":\"ignore\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        broker.close();
        service.stop(0);
    }

    private int v3Code(String clientId, String username, String password) throws Exception {
        V3Client c = V3Client.create(broker.tcpPort(), clientId);
        MqttException e = catchThrowableOfType(MqttException.class, () -> c.client.connect(V3Client.login(username, password)));
        c.close();
        return e == null ? 0 : e.getReasonCode();
    }

    @Test
    void theServicesAnswersDecideInBothVersions() throws Exception {
        try (V5Client dev = V5Client.connect(broker.tcpPort(), "dev-1-a", V5Client.login("dev-1", "dev-1-ok"));
             V5Client root = V5Client.connect(broker.tcpPort(), "root-a", V5Client.login("root", "root-ok"))) {
            assertThat(dev.subscribe("devices/dev-1/#", 1)).isEqualTo(1);
            assertThat(dev.subscribe("devices/dev-2/#", 1)).isEqualTo(0x87);
            assertThat(root.subscribe("devices/dev-2/#", 1)).as("is_superuser from the service").isEqualTo(1);
        }
        assertThat(v3Code("dev-1-b", "dev-1", "dev-1-ok")).isZero();

        assertThat(V5Client.connectReasonCode(broker.tcpPort(), "dev-1-c", V5Client.login("dev-1", "deny-me"))).isEqualTo(0x86);
        assertThat(v3Code("dev-1-d", "dev-1", "deny-me")).isEqualTo(4);
        assertThat(V5Client.connectReasonCode(broker.tcpPort(), "dev-1-e", V5Client.login("dev-1", "unknown"))).as("ignore").isEqualTo(0x86);
        assertThat(v3Code("dev-1-f", "dev-1", "broken")).as("a 500 is ignore").isEqualTo(4);
    }

    @Test
    void aRefusalIsLoggedWithTheServicesAnswer() throws Exception {
        try (DenialCapture log = new DenialCapture()) {
            assertThat(V5Client.connectReasonCode(broker.tcpPort(), "dev-1-g", V5Client.login("dev-1", "deny-me"))).isEqualTo(0x86);
            assertThat(V5Client.connectReasonCode(broker.tcpPort(), "dev-1-h", V5Client.login("dev-1", "broken"))).isEqualTo(0x86);
            await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().size() >= 2);
            assertThat(log.lines()).filteredOn(l -> l.contains("dev-1-g")).singleElement().asString()
                    .contains("outcome=denied chain=\"http: deny");
            assertThat(log.lines()).filteredOn(l -> l.contains("dev-1-h")).singleElement().asString()
                    .contains("outcome=unknown chain=\"http: ignore (").contains("500");
        }
    }
}
