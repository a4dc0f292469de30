package io.topicguard.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Subscription;
import io.topicguard.engine.Verdict;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** mosquitto-go-auth's HTTP backend in JSON mode, with the bodies of its README. */
class MosquittoContractTest extends ContractServiceTest {

    private static void assertOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = TestService.json(response);
        assertThat(answer.get("Ok").asBoolean()).isTrue();
        assertThat(answer.get("Error").asText()).isEmpty();
    }

    private static void assertRefused(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonNode answer = TestService.json(response);
        assertThat(answer.get("Ok").asBoolean()).isFalse();
        assertThat(answer.get("Error").asText()).isEqualTo(error);
    }

    @Test
    void userWithTheRightPasswordIsOk() {
        assertOk(service.post("/mosquitto/user", TestService.contract("mosquitto/user.body")));
    }

    @Test
    void userWithAWrongPasswordIsRefusedWithoutSayingWhy() throws Exception {
        assertRefused(service.post("/mosquitto/user", body("mosquitto/user.body").put("password", "nope").toString()),
                "bad username or password");
    }

    @Test
    void bannedClientIsRefusedWithTheBanLine() throws Exception {
        assertRefused(service.post("/mosquitto/user", body("mosquitto/user.body").put("clientid", "banned-client").toString()),
                "banned (" + service.line(4) + ")");
    }

    @Test
    void superuserIsTheSuperuserStatementWithOnlyTheUsername() throws Exception {
        assertRefused(service.post("/mosquitto/superuser", TestService.contract("mosquitto/superuser.body")), "not a superuser");
        assertOk(service.post("/mosquitto/superuser", body("mosquitto/superuser.body").put("username", "admin").toString()));
    }

    @Test
    void writeIsThePublishQuestionAtQos0() throws Exception {
        assertOk(service.post("/mosquitto/acl", TestService.contract("mosquitto/acl.body")));
        assertRefused(service.post("/mosquitto/acl", body("mosquitto/acl.body").put("topic", "other").toString()),
                "default (" + service.line(1) + ")");
    }

    @Test
    void accMayBeANumberOrADecimalString() throws Exception {
        assertOk(service.post("/mosquitto/acl", body("mosquitto/acl.body").put("acc", "2").toString()));
    }

    @Test
    void partialSubscriptionIsAllowedBecauseMosquittoChecksEveryDelivery() throws Exception {
        ClientBinding client = service.policy.get().bind(ClientInfo.builder("clientid").username("username").build());
        assertThat(client.subscribe("a/#", 0).verdict()).isEqualTo(Verdict.PARTIAL);
        ObjectNode subscribe = body("mosquitto/acl.body").put("username", "username").put("topic", "a/#").put("acc", 4);

        assertOk(service.post("/mosquitto/acl", subscribe.toString()));

        // ... and each delivery (acc 1) is decided on its own:
        assertThat(client.deliver("a/secret/x", Subscription.of("a/secret/x", 0)).allowed()).isFalse();
        assertRefused(service.post("/mosquitto/acl", subscribe.put("acc", 1).put("topic", "a/secret/x").toString()),
                "rule (" + service.line(5) + ")");
        assertOk(service.post("/mosquitto/acl", subscribe.put("acc", 1).put("topic", "a/b").toString()));
    }

    @Test
    void deniedSubscriptionIsRefused() throws Exception {
        ObjectNode subscribe = body("mosquitto/acl.body").put("username", "username").put("topic", "a/secret/+").put("acc", 4);

        assertRefused(service.post("/mosquitto/acl", subscribe.toString()), "rule (" + service.line(5) + ")");
    }

    @Test
    void readWriteNeedsBoth() throws Exception {
        ObjectNode both = body("mosquitto/acl.body").put("username", "username").put("acc", 3);

        assertOk(service.post("/mosquitto/acl", both.put("topic", "a/b").toString()));
        assertRefused(service.post("/mosquitto/acl", both.put("topic", "a/secret/b").toString()), "rule (" + service.line(5) + ")");
    }
}
