package io.topicguard.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** VerneMQ's auth_on_register, auth_on_publish and auth_on_subscribe webhooks and their _m5 forms. */
class VerneMqContractTest extends ContractServiceTest {

    private static JsonNode hook(String hook, String body) {
        HttpResponse<String> response = service.post("/vernemq", body, "vernemq-hook", hook);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestService.json(response);
    }

    private static JsonNode json(String text) throws Exception {
        return TestService.JSON.readTree(text);
    }

    @Test
    void registerWithTheRightPasswordIsOk() throws Exception {
        assertThat(hook("auth_on_register", TestService.contract("vernemq/auth_on_register.body"))).isEqualTo(json("{\"result\":\"ok\"}"));
        assertThat(hook("auth_on_register_m5", TestService.contract("vernemq/auth_on_register_m5.body"))).isEqualTo(json("{\"result\":\"ok\"}"));
    }

    @Test
    void registerWithAWrongPasswordIsNotAllowed() throws Exception {
        assertThat(hook("auth_on_register", body("vernemq/auth_on_register.body").put("password", "x").toString()))
                .isEqualTo(json("{\"result\":{\"error\":\"not_allowed\"}}"));
    }

    @Test
    void registerOfAnUnknownUserIsNextSoVerneMqAsksItsOtherPlugins() throws Exception {
        assertThat(hook("auth_on_register", body("vernemq/auth_on_register.body").put("username", "stranger").toString()))
                .isEqualTo(json("{\"result\":\"next\"}"));
    }

    @Test
    void nullUsernameIsAnAnonymousClient() throws Exception {
        assertThat(hook("auth_on_register", body("vernemq/auth_on_register.body").putNull("username").toString()))
                .isEqualTo(json("{\"result\":{\"error\":\"not_allowed\"}}"));
        assertThat(hook("auth_on_publish", body("vernemq/auth_on_publish.body").putNull("username").toString()))
                .isEqualTo(json("{\"result\":{\"error\":\"not_allowed\"}}"));
    }

    @Test
    void publishIsThePolicysPublishQuestion() throws Exception {
        assertThat(hook("auth_on_publish", TestService.contract("vernemq/auth_on_publish.body"))).isEqualTo(json("{\"result\":\"ok\"}"));
        assertThat(hook("auth_on_publish_m5", TestService.contract("vernemq/auth_on_publish_m5.body"))).isEqualTo(json("{\"result\":\"ok\"}"));
        HttpResponse<String> denied = service.post("/vernemq", body("vernemq/auth_on_publish.body").put("topic", "c/d").toString(),
                "vernemq-hook", "auth_on_publish");
        assertThat(TestService.json(denied)).isEqualTo(json("{\"result\":{\"error\":\"not_allowed\"}}"));
        assertThat(denied.headers().firstValue("x-topicguard-reason")).hasValue("default (" + service.line(1) + ")");
    }

    @Test
    void subscribeAnswersEveryTopicWithRefusedOnesAt128() throws Exception {
        assertThat(hook("auth_on_subscribe", TestService.contract("vernemq/auth_on_subscribe.body"))).isEqualTo(json(
                "{\"result\":\"ok\",\"topics\":[{\"topic\":\"a/b\",\"qos\":1},{\"topic\":\"c/d\",\"qos\":128}]}"));
    }

    @Test
    void subscribeM5AnswersInModifiersWithRefusedOnesAt135() throws Exception {
        assertThat(hook("auth_on_subscribe_m5", TestService.contract("vernemq/auth_on_subscribe_m5.body"))).isEqualTo(json(
                "{\"result\":\"ok\",\"modifiers\":{\"topics\":[{\"topic\":\"a/b\",\"qos\":1},{\"topic\":\"c/d\",\"qos\":135}]}}"));
    }

    @Test
    void subscribeWhereAllAreRefusedStillAnswersEachAndAPartialFilterIsRefused() throws Exception {
        ObjectNode request = body("vernemq/auth_on_subscribe.body");
        request.putArray("topics").addObject().put("topic", "a/#").put("qos", 0);

        assertThat(hook("auth_on_subscribe", request.toString())).isEqualTo(json(
                "{\"result\":\"ok\",\"topics\":[{\"topic\":\"a/#\",\"qos\":128}]}"));
    }

    @Test
    void aMissingOrUnknownHookIsABadRequest() {
        HttpResponse<String> missing = service.post("/vernemq", TestService.contract("vernemq/auth_on_publish.body"));
        HttpResponse<String> unknown = service.post("/vernemq", TestService.contract("vernemq/auth_on_publish.body"),
                "vernemq-hook", "on_deliver");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(TestService.json(missing).get("message").asText()).contains("vernemq-hook");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(TestService.json(unknown).get("message").asText()).contains("on_deliver");
    }
}
