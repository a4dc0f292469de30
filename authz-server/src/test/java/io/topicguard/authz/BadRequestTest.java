package io.topicguard.authz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies that are not the contract's shape get 400 with a JSON message naming the field; unknown
 * paths 404, wrong methods 405, bodies over 64 KiB 413; and the service goes on answering.
 */
class BadRequestTest extends ContractServiceTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/emqx/authz | not json at all | not JSON",
            "/emqx/authz | [1, 2] | JSON object",
            "/emqx/authz | `{\"topic\": \"a\"}` | \"action\": missing",
            "/emqx/authz | `{\"action\": \"publish\", \"topic\": 7}` | \"topic\": must be a string",
            "/emqx/authz | `{\"action\": \"delete\", \"topic\": \"a\"}` | \"action\": must be \"publish\" or \"subscribe\"",
            "/emqx/authz | `{\"action\": \"publish\", \"topic\": \"a\", \"qos\": \"3\"}` | \"qos\": must be 0..2",
            "/emqx/authz | `{\"action\": \"publish\", \"topic\": \"a\", \"qos\": 1.5}` | \"qos\": must be a number",
            "/emqx/authz | `{\"action\": \"publish\", \"topic\": \"a\", \"retain\": \"yes\"}` | \"retain\": must be true or false",
            "/emqx/authz | `{\"action\": \"publish\", \"topic\": \"a\", \"peerhost\": \"example.com\"}` | \"peerhost\": must be an IP address",
            "/emqx/authn | `{\"username\": [\"a\"]}` | \"username\": must be a string, was an array",
            "/mosquitto/acl | `{\"username\": \"u\", \"topic\": \"t\"}` | \"acc\": missing",
            "/mosquitto/acl | `{\"username\": \"u\", \"topic\": \"t\", \"acc\": 5}` | \"acc\": must be 1..4",
            "/mosquitto/superuser | `{}` | \"username\": missing",
            "/mosquitto/user | `{\"password\": {}}` | \"password\": must be a string, was an object",
    })
    void malformedBodyIs400NamingTheField(String path, String body, String message) {
        HttpResponse<String> response = service.post(path, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(TestService.json(response).get("message").asText()).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"client_id\": \"c\", \"username\": \"u\", \"topics\": \"a/b\"}` | \"topics\": must be an array",
            "`{\"client_id\": \"c\", \"username\": \"u\", \"topics\": [\"a/b\"]}` | \"topics[0]\": must be an object",
            "`{\"client_id\": \"c\", \"username\": \"u\", \"topics\": [{\"topic\": \"a/b\"}]}` | \"qos\": missing",
            "`{\"username\": \"u\", \"topics\": []}` | \"client_id\": missing",
    })
    void malformedVerneMqSubscribeIs400NamingTheField(String body, String message) {
        HttpResponse<String> response = service.post("/vernemq", body, "vernemq-hook", "auth_on_subscribe");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestService.json(response).get("message").asText()).contains(message);
    }

    @Test
    void bodyOver64KiBIs413() {
        String huge = "{\"action\":\"publish\",\"topic\":\"" + "a".repeat(70 * 1024) + "\"}";

        HttpResponse<String> response = service.post("/emqx/authz", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(service.post("/emqx/authz", TestService.contract("emqx/authz-publish.body")).statusCode())
                .as("the service answers the next request").isEqualTo(200);
    }

    @Test
    void deeplyNestedJsonIsABadRequestNotAStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThat(service.post("/emqx/authz", deep).statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        HttpResponse<String> unknown = service.post("/emqx/nothing", "{}");
        HttpResponse<String> get = service.send(HttpRequest.newBuilder(service.uri("/emqx/authz")).GET().build());
        HttpResponse<String> postHealth = service.post("/healthz", "{}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestService.json(unknown).get("message").asText()).contains("/emqx/nothing");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
        assertThat(postHealth.statusCode()).isEqualTo(405);
        assertThat(postHealth.headers().firstValue("allow")).hasValue("GET");
    }

    @Test
    void healthzAndMetricsAnswerGet() {
        service.post("/emqx/authz", TestService.contract("emqx/authz-publish.body"));

        HttpResponse<String> health = service.send(HttpRequest.newBuilder(service.uri("/healthz")).GET().build());
        HttpResponse<String> metrics = service.send(HttpRequest.newBuilder(service.uri("/metrics")).GET().build());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
        assertThat(metrics.body()).contains("topicguard_authz_answers_total{answer=\"allow\",endpoint=\"/emqx/authz\"}")
                .contains("topicguard_policy_rules 3.0");
    }

    @Test
    void garbageOnTheWireIsAnsweredAndClosedAndTheServiceGoesOn() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", service.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("\u0000\u0001 NOT HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.setSoTimeout(5000);
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 400");
        }
        assertThat(service.post("/emqx/authz", TestService.contract("emqx/authz-publish.body")).statusCode()).isEqualTo(200);
    }

    @Test
    void pipelinedAnswersComeBackInRequestOrderWhenAuthenticationIsSlower() throws Exception {
        String authn = TestService.contract("emqx/authn.body");
        String authz = "{\"username\":\"username\",\"action\":\"publish\",\"topic\":\"x/y\"}";
        String requests = request("/emqx/authn", authn) + request("/emqx/authz", authz);
        try (Socket socket = new Socket("127.0.0.1", service.server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String answers = readUntil(socket.getInputStream(), "\"result\":\"allow\"", "\"result\":\"deny\"");
            // The authentication (a slow hash on a chain worker) answers first, as it was asked first.
            assertThat(answers.indexOf("\"result\":\"allow\"")).isPositive().isLessThan(answers.indexOf("\"result\":\"deny\""));
        }
    }

    private static String request(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** Reads until every one of {@code expected} has arrived (the socket's timeout bounds the wait). */
    private static String readUntil(InputStream in, String... expected) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!java.util.Arrays.stream(expected).allMatch(out.toString(StandardCharsets.UTF_8)::contains)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
