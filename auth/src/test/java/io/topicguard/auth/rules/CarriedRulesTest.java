package io.topicguard.auth.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicguard.engine.ClientRule;
import io.topicguard.engine.ClientRule.Action;
import io.topicguard.engine.ClientRule.Permission;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CarriedRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<ClientRule> parse(String json) throws Exception {
        return CarriedRules.parse(JSON.readTree(json));
    }

    @Test
    void emqx5ListKeepsOrderQosRetainAndExactTopics() throws Exception {
        List<ClientRule> rules = parse("""
                [{"permission": "allow", "action": "publish", "topic": "t/${clientid}", "qos": [0, 1], "retain": false},
                 {"permission": "deny", "action": "subscribe", "topic": "eq t/#"},
                 {"permission": "allow", "action": "all", "topic": "certs/${cert_common_name}/+", "qos": 2}]
                """);

        assertThat(rules).containsExactly(
                new ClientRule(Permission.ALLOW, Action.PUBLISH, "t/${clientid}", false, Set.of(0, 1), false),
                new ClientRule(Permission.DENY, Action.SUBSCRIBE, "t/#", true, ClientRule.ALL_QOS, null),
                new ClientRule(Permission.ALLOW, Action.ALL, "certs/${cn}/+", false, Set.of(2), null));
        assertThat(rules.get(0)).hasToString("allow publish t/${clientid} qos [0, 1] retain false");
        assertThat(rules.get(1)).hasToString("deny subscribe eq t/#");
    }

    @Test
    void olderPubSubAllObjectAllowsEveryEntry() throws Exception {
        assertThat(parse("""
                {"pub": ["up/${username}"], "sub": ["down/#", "eq x/+"], "all": ["shared/+"]}
                """)).containsExactly(
                new ClientRule(Permission.ALLOW, Action.PUBLISH, "up/${username}", false, ClientRule.ALL_QOS, null),
                new ClientRule(Permission.ALLOW, Action.SUBSCRIBE, "down/#", false, ClientRule.ALL_QOS, null),
                new ClientRule(Permission.ALLOW, Action.SUBSCRIBE, "x/+", true, ClientRule.ALL_QOS, null),
                new ClientRule(Permission.ALLOW, Action.ALL, "shared/+", false, ClientRule.ALL_QOS, null));
    }

    @Test
    void qosWrittenAsALongOrAsASingleNumberCounts() throws Exception {
        // What a JWT library hands over: numbers as longs (a regression: qos [1] from a token was refused).
        List<ClientRule> rules = CarriedRules.parse(JSON.valueToTree(List.of(java.util.Map.of(
                "permission", "allow", "action", "publish", "topic", "a", "qos", List.of(1L, 2L)))));

        assertThat(rules).singleElement().extracting(ClientRule::qos).isEqualTo(Set.of(1, 2));
        assertThat(parse("[{\"permission\":\"deny\",\"action\":\"all\",\"topic\":\"#\",\"qos\":0}]"))
                .singleElement().extracting(ClientRule::qos).isEqualTo(Set.of(0));
    }

    @Test
    void absentOrNullIsNoRules() throws Exception {
        assertThat(CarriedRules.parse(null)).isEmpty();
        assertThat(parse("null")).isEmpty();
        assertThat(parse("[]")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"all\"                                                                      | acl must be a list of rules (or EMQX's {\"pub\": [...], \"sub\": [...]} object), found string",
            "[{\"permission\":\"allow\",\"action\":\"publish\",\"topic\":\"a\"}, 7]          | rule #2: expected an object {\"permission\", \"action\", \"topic\"}, found 7",
            "[{\"permission\":\"grant\",\"action\":\"publish\",\"topic\":\"a\"}]              | rule #1: permission must be \"allow\" or \"deny\", found \"grant\"",
            "[{\"permission\":\"allow\",\"action\":\"write\",\"topic\":\"a\"}]                | rule #1: action must be \"publish\", \"subscribe\" or \"all\", found \"write\"",
            "[{\"permission\":\"allow\",\"action\":\"publish\"}]                            | rule #1: missing \"topic\"",
            "[{\"permission\":\"allow\",\"action\":\"publish\",\"topic\":[\"a\"]}]            | rule #1: topic must be a string, found [\"a\"]",
            "[{\"permission\":\"allow\",\"action\":\"publish\",\"topic\":\"a/#/b\"}]          | rule #1: topic \"a/#/b\": '#' stands alone as the last level, as in \"a/#\"",
            "[{\"permission\":\"allow\",\"action\":\"publish\",\"topic\":\"a/${user}\"}]      | rule #1: topic \"a/${user}\": unknown placeholder '${user}' (did you mean ${username}?)",
            "[{\"permission\":\"allow\",\"action\":\"publish\",\"topic\":\"a\",\"qos\":[3]}]  | rule #1: qos must be a list of 0, 1 and 2, found [3]",
            "[{\"permission\":\"allow\",\"action\":\"publish\",\"topic\":\"a\",\"qos\":[]}]   | rule #1: qos is an empty list, so the rule could never apply",
            "[{\"permission\":\"allow\",\"action\":\"publish\",\"topic\":\"a\",\"retain\":1}] | rule #1: retain must be true or false, found 1",
            "[{\"permission\":\"allow\",\"action\":\"publish\",\"topc\":\"a\"}]               | rule #1: unknown field 'topc' (did you mean 'topic'?)",
            "{\"pub\": [\"a\"], \"pubs\": [\"b\"]}                                        | acl: unknown key 'pubs' (the keys are pub, sub and all; did you mean 'pub'?)",
            "{\"sub\": \"a\"}                                                             | acl.sub must be a list of topics, found \"a\"",
            "[{\"permission\":\"allow\",\"action\":\"all\",\"topic\":\"a+/b\"}]            | rule #1: topic \"a+/b\": '+' stands alone in its level, as in \"a/+/b\"",
            "[{\"permission\":\"allow\",\"action\":\"all\",\"topic\":\"\"}]               | rule #1: topic \"\": a topic must not be empty",
            "[{\"permission\":\"allow\",\"action\":\"all\",\"topic\":\"$share/g/a\"}]     | rule #1: topic \"$share/g/a\": a rule must not name '$share/': shared subscriptions are checked as the filter after '$share/GROUP/'",
            "[{\"permission\":\"allow\",\"action\":\"all\",\"topic\":\"a/${clientid\"}]   | rule #1: topic \"a/${clientid\": '${' is never closed with '}'",
            "[{\"permission\":\"allow\",\"action\":\"all\",\"topic\":\"a/${peerhost}\"}]  | rule #1: topic \"a/${peerhost}\": unknown placeholder '${peerhost}'; the placeholders are ${username}, ${clientid} and ${cn}",
            "{\"pub\": [\"ok\", \"+/x#\"]}                                                | rule #2 (pub): topic \"+/x#\": '#' stands alone as the last level, as in \"a/#\"",
    })
    void oneMalformedRuleRejectsTheWholeSetNamingIt(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(CarriedRuleException.class).hasMessage(message);
    }

    @Test
    void parsedRulesAreTheEnginesModelAndDecideWhereThePolicySays() throws Exception {
        List<ClientRule> rules = parse("""
                [{"permission": "deny", "action": "publish", "topic": "eq t/${clientid}"},
                 {"permission": "allow", "action": "all", "topic": "t/${clientid}/#", "qos": [0, 1]}]
                """);
        io.topicguard.engine.ClientBinding client = io.topicguard.engine.Policy.fromString("p.acl", "client rules")
                .bind(io.topicguard.engine.ClientInfo.builder("dev1").username("u").build(),
                        io.topicguard.engine.ClientRules.of("jwt", rules));
        assertThat(client.publish("t/dev1/up", 1, false).statement()).isEqualTo("client rule #2 (jwt): allow all t/${clientid}/# qos [0, 1]");
        assertThat(client.publish("t/dev1/up", 2, false).allowed()).isFalse();
        assertThat(client.publish("t/${clientid}", 0, false).statement()).startsWith("client rule #1 (jwt)");
    }
}
