package io.topicguard.engine;

import io.topicguard.dsl.ast.Effect;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.testkit.policy.PolicyBuilder;
import org.junit.jupiter.api.Test;

import static io.topicguard.testkit.policy.PolicyBuilder.SUBSCRIBE_ONLY;
import static io.topicguard.testkit.policy.PolicyBuilder.all;
import static io.topicguard.testkit.policy.PolicyBuilder.any;
import static io.topicguard.testkit.policy.PolicyBuilder.eq;
import static io.topicguard.testkit.policy.PolicyBuilder.filter;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/semantics.md, Subscribe and Deliver: contains/overlaps, PARTIAL, {@code eq}, {@code any}, {@code $share} and delivery. */
class SubscriptionClassificationTest {

    private static final ClientInfo CLIENT = ClientInfo.builder("c1").username("u1").build();

    private static ClientBinding bind(PolicyBuilder builder) throws PolicyLoadException {
        return Policy.compile(builder.build()).bind(CLIENT);
    }

    private static Source line(int n) {
        return new Source("test.acl", n, 1);
    }

    @Test
    void ruleContainingTheFilterAllowsIt() throws PolicyLoadException {
        ClientBinding b = bind(new PolicyBuilder().allow(all(), SUBSCRIBE_ONLY, filter("a/#")));
        assertThat(b.subscribe("a/b/+", 1).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(b.subscribe("a", 1).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void wideFilterOnlyOverlappingAnAllowIsPartialByTheDefault() throws PolicyLoadException {
        Decision d = bind(new PolicyBuilder().allow(all(), SUBSCRIBE_ONLY, filter("a/#"))).subscribe("#", 0);
        assertThat(d.verdict()).isEqualTo(Verdict.PARTIAL);
        assertThat(d.reason()).isEqualTo(Reason.DEFAULT);
    }

    @Test
    void earlierOverlappingDenyMakesAContainingAllowPartial() throws PolicyLoadException {
        Decision d = bind(new PolicyBuilder()
                .deny(all(), SUBSCRIBE_ONLY, filter("a/secret"))
                .allow(all(), SUBSCRIBE_ONLY, filter("a/#"))).subscribe("a/+", 0);
        assertThat(d.verdict()).isEqualTo(Verdict.PARTIAL);
        assertThat(d.reason()).isEqualTo(Reason.RULE);
        assertThat(d.source()).isEqualTo(line(2));
    }

    @Test
    void eqRuleOnlyConcernsTheIdenticalFilter() throws PolicyLoadException {
        ClientBinding b = bind(new PolicyBuilder()
                .deny(all(), SUBSCRIBE_ONLY, eq("#"), eq("+/#"))
                .allow(all(), SUBSCRIBE_ONLY, filter("#")));
        assertThat(b.subscribe("#", 0).verdict()).isEqualTo(Verdict.DENY);
        assertThat(b.subscribe("+/#", 0).verdict()).isEqualTo(Verdict.DENY);
        assertThat(b.subscribe("a/#", 0).verdict()).isEqualTo(Verdict.ALLOW);
        // Delivery through "#" is denied by the eq rule whatever the topic (docs/semantics.md, Deliver: X == S).
        assertThat(b.deliver("a/b", Subscription.of("#", 0)).source()).isEqualTo(line(1));
        assertThat(b.deliver("a/b", Subscription.of("a/#", 0)).source()).isEqualTo(line(2));
    }

    @Test
    void sharedSubscriptionIsCheckedAsItsFilter() throws PolicyLoadException {
        ClientBinding b = bind(new PolicyBuilder()
                .deny(all(), SUBSCRIBE_ONLY, eq("#"))
                .allow(all(), SUBSCRIBE_ONLY, filter("jobs/+")));
        assertThat(b.subscribe("$share/workers/jobs/+", 0).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(b.subscribe("$share/workers/#", 0).verdict()).isEqualTo(Verdict.DENY);
        assertThat(b.deliver("jobs/1", Subscription.of("$share/workers/#", 0)).verdict()).isEqualTo(Verdict.DENY);
        assertThat(b.deliver("jobs/1", Subscription.of("$share/workers/jobs/+", 0)).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void hashRuleNeitherContainsNorOverlapsDollarTopics() throws PolicyLoadException {
        ClientBinding b = bind(new PolicyBuilder().allow(all(), SUBSCRIBE_ONLY, filter("#")));
        Decision d = b.subscribe("$SYS/#", 0);
        assertThat(d.verdict()).isEqualTo(Verdict.DENY);
        assertThat(d.reason()).isEqualTo(Reason.DEFAULT);
    }

    @Test
    void anyContainsDollarTopicsToo() throws PolicyLoadException {
        ClientBinding b = bind(new PolicyBuilder().allow(all(), SUBSCRIBE_ONLY, any()));
        assertThat(b.subscribe("$SYS/#", 0).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(b.deliver("$SYS/load", Subscription.of("$SYS/#", 0)).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void qosOptionSelectsTheRulesThatApply() throws PolicyLoadException {
        ClientBinding b = bind(new PolicyBuilder()
                .rule(Effect.ALLOW, all(), SUBSCRIBE_ONLY, Qos.of(0), Retain.ANY, filter("a/#")));
        assertThat(b.subscribe("a/b", 0).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(b.subscribe("a/b", 1).verdict()).isEqualTo(Verdict.DENY);
        assertThat(b.deliver("a/b", Subscription.of("a/b", 1)).verdict()).isEqualTo(Verdict.DENY);
    }

    @Test
    void placeholderRuleContainsOnlyTheClientsOwnSubtree() throws PolicyLoadException {
        ClientBinding b = bind(new PolicyBuilder().allow(all(), SUBSCRIBE_ONLY, filter("devices/${clientid}/#")));
        assertThat(b.subscribe("devices/c1/#", 0).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(b.subscribe("devices/c2/#", 0).verdict()).isEqualTo(Verdict.DENY);
        assertThat(b.subscribe("devices/+/#", 0).verdict()).isEqualTo(Verdict.PARTIAL);
    }

    @Test
    void plusHashRuleContainsTheHashFilterBecauseEveryTopicHasAFirstLevel() throws PolicyLoadException {
        ClientBinding b = bind(new PolicyBuilder()
                .allow(all(), SUBSCRIBE_ONLY, filter("+/#")));
        assertThat(b.subscribe("#", 0).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(b.subscribe("$share/g/#", 0).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(b.subscribe("a/#", 0).verdict()).isEqualTo(Verdict.ALLOW);
    }
}
