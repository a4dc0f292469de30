package io.topicguard.engine.rules;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.ClientRule;
import io.topicguard.engine.ClientRule.Action;
import io.topicguard.engine.ClientRule.Permission;
import io.topicguard.engine.ClientRules;
import io.topicguard.engine.ClientRulesException;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Subscription;
import io.topicguard.engine.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docs/semantics.md, Client rules: carried rules decide at the statement's place in first-match order. */
class ClientRulesTest {

    private static final ClientInfo DEV1 = ClientInfo.builder("dev1").username("alice").build();

    private static ClientRules jwt(ClientRule... rules) throws ClientRulesException {
        return ClientRules.of("jwt", List.of(rules));
    }

    private static ClientRule allow(Action action, String topic) {
        return ClientRule.of(Permission.ALLOW, action, topic);
    }

    private static ClientRule deny(Action action, String topic) {
        return ClientRule.of(Permission.DENY, action, topic);
    }

    private static ClientBinding bind(String policy, ClientRules carried) throws Exception {
        return Policy.fromString("p.acl", policy).bind(DEV1, carried);
    }

    @Test
    void carriedRulesDecideAtTheStatementAndAreNamedInTheExplanation() throws Exception {
        ClientBinding client = bind("""
                deny all to publish "admin/#"
                client rules
                allow all to publish "#"
                """, jwt(deny(Action.PUBLISH, "t/secret"), allow(Action.PUBLISH, "admin/${clientid}")));
        Decision secret = client.publish("t/secret", 0, false);
        assertThat(secret.verdict()).isEqualTo(Verdict.DENY);
        assertThat(secret.sourceLine()).isEqualTo("p.acl:2");
        assertThat(secret.statement()).isEqualTo("client rule #1 (jwt): deny publish t/secret");
        assertThat(secret).hasToString("deny (rule, p.acl:2: client rule #1 (jwt): deny publish t/secret)");
        // The policy rule before the statement decides first; the one after comes after the carried rules.
        assertThat(client.publish("admin/dev1", 0, false).sourceLine()).isEqualTo("p.acl:1");
        assertThat(client.publish("t/other", 0, false).sourceLine()).isEqualTo("p.acl:3");
    }

    @Test
    void aPolicyWithoutTheStatementIgnoresCarriedRules() throws Exception {
        ClientBinding client = bind("deny all to publish \"t/#\"", jwt(allow(Action.ALL, "#")));
        assertThat(client.publish("t/1", 0, false).verdict()).isEqualTo(Verdict.DENY);
        assertThat(client.publish("x", 0, false).reason().word()).isEqualTo("default");
    }

    @Test
    void placeholdersRenderAsInPolicyRulesAndADollarValueMatchesNothing() throws Exception {
        ClientRules carried = jwt(allow(Action.ALL, "${username}/#"));
        Policy policy = Policy.fromString("p.acl", "client rules");
        assertThat(policy.bind(DEV1, carried).publish("alice/x", 0, false).allowed()).isTrue();
        ClientBinding sys = policy.bind(ClientInfo.builder("c").username("$SYS").build(), carried);
        assertThat(sys.publish("$SYS/x", 0, false).verdict()).isEqualTo(Verdict.DENY);
        assertThat(sys.subscribe("$SYS/#", 0).verdict()).isEqualTo(Verdict.DENY);
    }

    @Test
    void qosAndRetainOptionsApply() throws Exception {
        ClientBinding client = bind("client rules", jwt(
                new ClientRule(Permission.ALLOW, Action.PUBLISH, "t", false, Set.of(0, 1), false)));
        assertThat(client.publish("t", 1, false).allowed()).isTrue();
        assertThat(client.publish("t", 2, false).allowed()).isFalse();
        assertThat(client.publish("t", 0, true).allowed()).isFalse();
    }

    @Test
    void subscriptionsAreClassifiedOverTheMergedOrder() throws Exception {
        String policy = """
                deny all to subscribe "a/secret"
                client rules
                allow all to subscribe "b/#"
                """;
        ClientBinding client = bind(policy, jwt(allow(Action.SUBSCRIBE, "a/#"), deny(Action.SUBSCRIBE, "b/x")));
        // The policy's deny before the statement overlaps a/#, which a carried rule contains.
        Decision a = client.subscribe("a/#", 0);
        assertThat(a.verdict()).isEqualTo(Verdict.PARTIAL);
        assertThat(a.statement()).isEqualTo("client rule #1 (jwt): allow subscribe a/#");
        // A carried deny overlaps b/#, which the policy rule after the statement contains.
        Decision b = client.subscribe("b/#", 0);
        assertThat(b.verdict()).isEqualTo(Verdict.PARTIAL);
        assertThat(b.sourceLine()).isEqualTo("p.acl:3");
        assertThat(client.subscribe("b/x", 0).verdict()).isEqualTo(Verdict.DENY);
        assertThat(client.subscribe("a/secret", 0).sourceLine()).isEqualTo("p.acl:1");
        assertThat(client.deliver("a/public", Subscription.of("a/#", 0)).allowed()).isTrue();
        assertThat(client.deliver("a/secret", Subscription.of("a/#", 0)).allowed()).isFalse();
    }

    @Test
    void eqTopicsMatchOnlyThemselves() throws Exception {
        ClientBinding client = bind("client rules", jwt(allow(Action.ALL, "eq t/+")));
        assertThat(client.publish("t/1", 0, false).allowed()).isFalse();
        assertThat(client.subscribe("t/+", 0).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(client.deliver("t/1", Subscription.of("t/+", 0)).allowed()).isTrue();
    }

    @Test
    void superusersAndBansAreUnchanged() throws Exception {
        Policy policy = Policy.fromString("p.acl", """
                superuser username "alice"
                ban clientid "banned"
                client rules
                """);
        ClientRules denyAll = jwt(deny(Action.ALL, "#"));
        assertThat(policy.bind(DEV1, denyAll).publish("x", 0, false).allowed()).isTrue();
        ClientRules allowAll = jwt(allow(Action.ALL, "#"));
        assertThat(policy.bind(ClientInfo.builder("banned").username("bob").build(), allowAll).connect().denied()).isTrue();
    }

    @Test
    void carriedRulesNeverReachAnotherClient() throws Exception {
        Policy policy = Policy.fromString("p.acl", "client rules");
        policy.bind(DEV1, jwt(allow(Action.ALL, "#")));
        assertThat(policy.bind(ClientInfo.builder("dev2").username("bob").build()).publish("x", 0, false).allowed()).isFalse();
        assertThat(policy.bind(DEV1, ClientRules.NONE).publish("x", 0, false).allowed()).isFalse();
    }

    @Test
    void aMalformedRuleRejectsTheWholeSetNamingTheRule() {
        assertThatThrownBy(() -> jwt(allow(Action.ALL, "ok"), allow(Action.PUBLISH, "a/#/b")))
                .isInstanceOf(ClientRulesException.class)
                .hasMessageStartingWith("client rule #2 (jwt): topic \"a/#/b\": ");
        assertThatThrownBy(() -> jwt(allow(Action.PUBLISH, "a/${user}")))
                .hasMessage("client rule #1 (jwt): topic \"a/${user}\": unknown placeholder '${user}'");
        assertThatThrownBy(() -> jwt(allow(Action.PUBLISH, "$share/g/a")))
                .hasMessageStartingWith("client rule #1 (jwt): topic \"$share/g/a\": a rule topic must not start with '$share/'");
        assertThatThrownBy(() -> jwt(new ClientRule(Permission.ALLOW, Action.PUBLISH, "a", false, Set.of(), null)))
                .hasMessage("client rule #1 (jwt): qos is empty, so the rule could never apply");
        assertThatThrownBy(() -> jwt(new ClientRule(Permission.ALLOW, Action.PUBLISH, "a", false, Set.of(3), null)))
                .hasMessage("client rule #1 (jwt): qos must hold only 0, 1 and 2, found [3]");
    }
}
