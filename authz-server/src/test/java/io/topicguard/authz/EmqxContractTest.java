package io.topicguard.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicguard.auth.rules.CarriedRules;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Verdict;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** EMQX 5's HTTP authentication and authorization contracts, with the bodies EMQX renders. */
class EmqxContractTest extends ContractServiceTest {

    private static ClientBinding username() throws Exception {
        return service.policy.get().bind(ClientInfo.builder("clientid").username("username")
                .address(InetAddress.getByName("127.0.0.1")).build());
    }

    @Test
    void publishWithRenderedStringsIsAnsweredAsTheEngineDecides() throws Exception {
        HttpResponse<String> response = service.post("/emqx/authz", TestService.contract("emqx/authz-publish.body"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestService.json(response).get("result").asText()).isEqualTo("allow");
        assertThat(username().publish("a/b", 1, false).allowed()).isTrue();
        assertThat(response.headers().firstValue("x-topicguard-reason")).hasValue("rule (" + service.line(6) + ")");
    }

    @Test
    void numbersAndBooleansAreTheSameQuestionAsEmqxStrings() throws Exception {
        ObjectNode typed = body("emqx/authz-publish.body").put("qos", 1).put("retain", false).put("topic", "b/c");
        ObjectNode rendered = body("emqx/authz-publish.body").put("topic", "b/c");

        JsonNode a = TestService.json(service.post("/emqx/authz", typed.toString()));
        JsonNode b = TestService.json(service.post("/emqx/authz", rendered.toString()));

        assertThat(a.get("result").asText()).isEqualTo("deny").isEqualTo(b.get("result").asText());
    }

    @Test
    void deniedPublishIsHttp200WithTheDefaultLine() throws Exception {
        HttpResponse<String> response = service.post("/emqx/authz", body("emqx/authz-publish.body").put("topic", "x/y").toString());

        assertThat(response.statusCode()).as("EMQX reads any other status as ignore").isEqualTo(200);
        assertThat(TestService.json(response).get("result").asText()).isEqualTo("deny");
        assertThat(response.headers().firstValue("x-topicguard-reason")).hasValue("default (" + service.line(1) + ")");
    }

    @Test
    void partialSubscriptionIsDeniedBecauseEmqxChecksOnlyTheFilter() throws Exception {
        assertThat(username().subscribe("a/#", 0).verdict()).isEqualTo(Verdict.PARTIAL);

        HttpResponse<String> response = service.post("/emqx/authz", TestService.contract("emqx/authz-subscribe.body"));

        assertThat(TestService.json(response).get("result").asText()).isEqualTo("deny");
        assertThat(response.headers().firstValue("x-topicguard-reason")).hasValue("rule (" + service.line(6) + ")");
    }

    @Test
    void containedSubscriptionIsAllowed() throws Exception {
        HttpResponse<String> response = service.post("/emqx/authz", body("emqx/authz-subscribe.body").put("topic", "a/b/+").toString());

        assertThat(TestService.json(response).get("result").asText()).isEqualTo("allow");
    }

    @Test
    void authenticationAllowsTheRightPassword() throws Exception {
        HttpResponse<String> response = service.post("/emqx/authn", TestService.contract("emqx/authn.body"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = TestService.json(response);
        assertThat(answer.get("result").asText()).isEqualTo("allow");
        assertThat(answer.get("is_superuser").asBoolean()).isFalse();
        assertThat(answer.has("acl")).as("no carried rules, no acl").isFalse();
    }

    @Test
    void authenticationDeniesAWrongPassword() throws Exception {
        JsonNode answer = TestService.json(service.post("/emqx/authn", body("emqx/authn.body").put("password", "wrong").toString()));

        assertThat(answer.get("result").asText()).isEqualTo("deny");
    }

    @Test
    void unknownUserIsIgnoredSoEmqxAsksItsNextAuthenticator() throws Exception {
        JsonNode answer = TestService.json(service.post("/emqx/authn", body("emqx/authn.body").put("username", "stranger").toString()));

        assertThat(answer.get("result").asText()).isEqualTo("ignore");
    }

    @Test
    void superuserStatementSetsIsSuperuser() throws Exception {
        ObjectNode request = body("emqx/authn.body").put("username", "admin").put("password", "admin-pw");

        JsonNode answer = TestService.json(service.post("/emqx/authn", request.toString()));

        assertThat(answer.get("result").asText()).isEqualTo("allow");
        assertThat(answer.get("is_superuser").asBoolean()).isTrue();
    }

    @Test
    void bannedClientIsDeniedWithTheBanLineWhateverItsPassword() throws Exception {
        HttpResponse<String> response = service.post("/emqx/authn", body("emqx/authn.body").put("clientid", "banned-client").toString());

        assertThat(TestService.json(response).get("result").asText()).isEqualTo("deny");
        assertThat(response.headers().firstValue("x-topicguard-reason")).hasValue("banned (" + service.line(4) + ")");
    }

    @Test
    void anonymousClientIsDeniedByAnonymousDeny() throws Exception {
        // EMQX renders an absent username as "".
        HttpResponse<String> response = service.post("/emqx/authn", body("emqx/authn.body").put("username", "").toString());

        assertThat(TestService.json(response).get("result").asText()).isEqualTo("deny");
        assertThat(response.headers().firstValue("x-topicguard-reason")).hasValue("anonymous (" + service.line(2) + ")");
    }

    @Test
    void carriedRulesAreEchoedInEmqxFormat() throws Exception {
        JsonNode carried = TestService.JSON.readTree("[{\"permission\":\"allow\",\"action\":\"publish\",\"topic\":\"t/${clientid}\","
                + "\"qos\":[1,0]},{\"permission\":\"deny\",\"action\":\"all\",\"topic\":\"eq t/#\",\"retain\":true}]");

        JsonNode echoed = EmqxEndpoints.acl(CarriedRules.parse(carried));

        assertThat(echoed).isEqualTo(TestService.JSON.readTree("[{\"permission\":\"allow\",\"action\":\"publish\",\"topic\":\"t/${clientid}\","
                + "\"qos\":[0,1]},{\"permission\":\"deny\",\"action\":\"all\",\"topic\":\"eq t/#\",\"qos\":[0,1,2],\"retain\":true}]"));
        assertThat(CarriedRules.parse(echoed)).as("EMQX reads back the same rules").isEqualTo(CarriedRules.parse(carried));
    }
}
