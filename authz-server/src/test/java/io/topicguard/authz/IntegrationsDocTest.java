package io.topicguard.authz;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked examples of docs/integrations.md answer what the page says, over the page's own policy. */
class IntegrationsDocTest {

    @TempDir
    static Path dir;

    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "integrations.md"));
        Matcher policy = Pattern.compile("With this `policy.acl`:\\n\\n```\\n(.*?)```", Pattern.DOTALL).matcher(page);
        assertThat(policy.find()).as("docs/integrations.md shows the example policy").isTrue();
        service = TestService.start(dir, policy.group(1), Map.of());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String reason(HttpResponse<String> response) {
        return response.headers().firstValue(Reply.REASON_HEADER).orElseThrow().replace(dir.resolve("policy.acl").toString(), "policy.acl");
    }

    @Test
    void emqxExample() {
        HttpResponse<String> publish = service.post("/emqx/authz", "{\"username\":\"sensor-1\",\"clientid\":\"sensor-1\",\"peerhost\":\"10.0.0.7\","
                + "\"action\":\"publish\",\"topic\":\"telemetry/sensor-1/temp\",\"qos\":\"1\",\"retain\":\"false\"}");
        assertThat(publish.body()).isEqualTo("{\"result\":\"allow\"}");
        assertThat(reason(publish)).isEqualTo("rule (policy.acl:3)");

        String subscribe = "{\"username\":\"sensor-1\",\"clientid\":\"sensor-1\",\"action\":\"subscribe\",\"qos\":\"0\",\"topic\":";
        HttpResponse<String> partial = service.post("/emqx/authz", subscribe + "\"telemetry/#\"}");
        assertThat(partial.body()).isEqualTo("{\"result\":\"deny\"}");
        assertThat(reason(partial)).isEqualTo("rule (policy.acl:5)");
        assertThat(service.post("/emqx/authz", subscribe + "\"telemetry/sensor-1/temp\"}").body()).isEqualTo("{\"result\":\"allow\"}");
    }

    @Test
    void mosquittoExample() {
        HttpResponse<String> subscribe = service.post("/mosquitto/acl",
                "{\"username\":\"sensor-1\",\"clientid\":\"sensor-1\",\"topic\":\"telemetry/#\",\"acc\":4}");
        assertThat(subscribe.statusCode()).isEqualTo(200);
        assertThat(subscribe.body()).isEqualTo("{\"Ok\":true,\"Error\":\"\"}");

        HttpResponse<String> read = service.post("/mosquitto/acl",
                "{\"username\":\"sensor-1\",\"clientid\":\"sensor-1\",\"topic\":\"telemetry/x/secret\",\"acc\":1}");
        assertThat(read.statusCode()).isEqualTo(403);
        assertThat(read.body().replace(dir.resolve("policy.acl").toString(), "policy.acl"))
                .isEqualTo("{\"Ok\":false,\"Error\":\"rule (policy.acl:4)\"}");
    }

    @Test
    void verneMqExample() {
        HttpResponse<String> subscribe = service.post("/vernemq", "{\"client_id\":\"sensor-1\",\"mountpoint\":\"\",\"username\":\"sensor-1\","
                + "\"topics\":[{\"topic\":\"telemetry/sensor-1/temp\",\"qos\":1},{\"topic\":\"telemetry/#\",\"qos\":0}]}",
                "vernemq-hook", "auth_on_subscribe");

        assertThat(subscribe.body()).isEqualTo("{\"result\":\"ok\",\"topics\":[{\"topic\":\"telemetry/sensor-1/temp\",\"qos\":1},"
                + "{\"topic\":\"telemetry/#\",\"qos\":128}]}");
    }
}
