package io.topicguard.engine;

import io.topicguard.dsl.ast.Effect;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.testkit.policy.PolicyBuilder;
import io.topicguard.testkit.policy.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.topicguard.testkit.policy.PolicyBuilder.BOTH;
import static io.topicguard.testkit.policy.PolicyBuilder.PUBLISH_ONLY;
import static io.topicguard.testkit.policy.PolicyBuilder.all;
import static io.topicguard.testkit.policy.PolicyBuilder.clientId;
import static io.topicguard.testkit.policy.PolicyBuilder.filter;
import static io.topicguard.testkit.policy.PolicyBuilder.username;
import static org.assertj.core.api.Assertions.assertThat;

/** Every reason of docs/semantics.md comes out where its rules say, pointing at the deciding statement. */
class DecisionReasonsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final ClientInfo ALICE = ClientInfo.builder("c1").username("alice").build();
    private static final ClientInfo NOBODY = ClientInfo.builder("c2").build();

    private static Source line(int n) {
        return new Source("test.acl", n, 1);
    }

    @Test
    void activeBanDeniesConnectAsBannedEvenForSuperusers() throws PolicyLoadException {
        PolicyAst ast = new PolicyBuilder()
                .superuser(username("alice"))
                .ban(clientId("c1"), NOW.plusSeconds(60))
                .build();
        Decision decision = Policy.compile(ast, new SettableClock(NOW)).connect(ALICE);
        assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
        assertThat(decision.reason()).isEqualTo(Reason.BANNED);
        assertThat(decision.source()).isEqualTo(line(2));
    }

    @Test
    void banEndsAtItsUntilInstantJudgedAtConnectTimeNotBindTime() throws PolicyLoadException {
        SettableClock clock = new SettableClock(NOW);
        Policy policy = Policy.compile(new PolicyBuilder().ban(username("alice"), NOW.plusSeconds(60)).build(), clock);
        ClientBinding binding = policy.bind(ALICE);
        assertThat(binding.connect().reason()).isEqualTo(Reason.BANNED);
        clock.set(NOW.plusSeconds(60));
        assertThat(binding.connect()).isEqualTo(new Decision(Verdict.ALLOW, Reason.DEFAULT, null, null));
    }

    @Test
    void firstActiveBanInFileOrderIsTheOneReported() throws PolicyLoadException {
        PolicyAst ast = new PolicyBuilder()
                .ban(username("alice"), NOW.minusSeconds(1))
                .ban(all(), null)
                .ban(clientId("c1"), null)
                .build();
        assertThat(Policy.compile(ast, new SettableClock(NOW)).connect(ALICE).source()).isEqualTo(line(2));
    }

    @Test
    void anonymousClientIsDeniedByDefaultWithoutSource() throws PolicyLoadException {
        Decision decision = Policy.compile(new PolicyBuilder().build()).connect(NOBODY);
        assertThat(decision).isEqualTo(new Decision(Verdict.DENY, Reason.ANONYMOUS, null, null));
    }

    @Test
    void anonymousSettingIsTheSourceEitherWay() throws PolicyLoadException {
        Decision denied = Policy.compile(new PolicyBuilder().setting(Setting.ANONYMOUS_DENY).build()).connect(NOBODY);
        assertThat(denied.reason()).isEqualTo(Reason.ANONYMOUS);
        assertThat(denied.source()).isEqualTo(line(1));
        Decision allowed = Policy.compile(new PolicyBuilder().setting(Setting.ANONYMOUS_ALLOW).build()).connect(NOBODY);
        assertThat(allowed.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(allowed.reason()).isEqualTo(Reason.ANONYMOUS);
        assertThat(allowed.source()).isEqualTo(line(1));
    }

    @Test
    void superuserConnectsAndBypassesRules() throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder()
                .deny(all(), BOTH, filter("#"))
                .superuser(username("alice"))
                .build());
        ClientBinding binding = policy.bind(ALICE);
        assertThat(binding.superuser()).isTrue();
        assertThat(binding.connect().reason()).isEqualTo(Reason.SUPERUSER);
        Decision publish = binding.publish("a/b", 2, true);
        assertThat(publish.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(publish.reason()).isEqualTo(Reason.SUPERUSER);
        assertThat(publish.source()).isEqualTo(line(2));
        assertThat(binding.subscribe("#", 0).reason()).isEqualTo(Reason.SUPERUSER);
        assertThat(binding.deliver("a", Subscription.of("#", 0)).reason()).isEqualTo(Reason.SUPERUSER);
    }

    @Test
    void firstMatchingRuleDecidesAcrossWhoGroups() throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder()
                .deny(clientId("c1"), PUBLISH_ONLY, filter("a/secret"))
                .allow(username("alice"), PUBLISH_ONLY, filter("a/#"))
                .deny(all(), PUBLISH_ONLY, filter("#"))
                .build());
        ClientBinding alice = policy.bind(ALICE);
        assertThat(alice.publish("a/secret", 0, false).source()).isEqualTo(line(1));
        assertThat(alice.publish("a/open", 0, false).source()).isEqualTo(line(2));
        assertThat(alice.publish("b", 0, false).source()).isEqualTo(line(3));
        assertThat(alice.publish("b", 0, false).verdict()).isEqualTo(Verdict.DENY);
    }

    @Test
    void defaultDecidesWhenNoRuleMatchesAndPointsAtTheDefaultStatement() throws PolicyLoadException {
        Decision implicit = Policy.compile(new PolicyBuilder().build()).bind(ALICE).publish("a", 0, false);
        assertThat(implicit).isEqualTo(new Decision(Verdict.DENY, Reason.DEFAULT, null, null));
        Decision explicit = Policy.compile(new PolicyBuilder().setting(Setting.DEFAULT_ALLOW).build()).bind(ALICE).publish("a", 0, false);
        assertThat(explicit.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(explicit.reason()).isEqualTo(Reason.DEFAULT);
        assertThat(explicit.source()).isEqualTo(line(1));
        assertThat(explicit.statement()).isEqualTo("default allow");
    }

    @Test
    void qosAndRetainOptionsMustMatchForARuleToDecide() throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder()
                .rule(Effect.ALLOW, all(), PUBLISH_ONLY, Qos.of(0, 1), Retain.FALSE, filter("t"))
                .build());
        ClientBinding binding = policy.bind(ALICE);
        assertThat(binding.publish("t", 1, false).reason()).isEqualTo(Reason.RULE);
        assertThat(binding.publish("t", 2, false).reason()).isEqualTo(Reason.DEFAULT);
        assertThat(binding.publish("t", 0, true).reason()).isEqualTo(Reason.DEFAULT);
    }

    @Test
    void ruleOptionsSkipToTheNextRuleNotToTheDefault() throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder()
                .rule(Effect.ALLOW, all(), PUBLISH_ONLY, Qos.of(0), Retain.ANY, filter("t"))
                .deny(all(), PUBLISH_ONLY, filter("t"))
                .build());
        assertThat(policy.bind(ALICE).publish("t", 1, false).source()).isEqualTo(line(2));
    }

    @Test
    void decisionsOfOneRuleAreSharedNotAllocatedPerCheck() throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder().allow(all(), PUBLISH_ONLY, filter("a/+")).build());
        ClientBinding binding = policy.bind(ALICE);
        assertThat(binding.publish("a/x", 0, false)).isSameAs(binding.publish("a/y", 1, true));
    }
}
