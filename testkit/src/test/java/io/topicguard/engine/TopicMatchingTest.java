package io.topicguard.engine;

import io.topicguard.dsl.ast.Setting;
import io.topicguard.testkit.policy.PolicyBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static io.topicguard.testkit.policy.PolicyBuilder.PUBLISH_ONLY;
import static io.topicguard.testkit.policy.PolicyBuilder.all;
import static io.topicguard.testkit.policy.PolicyBuilder.clientId;
import static io.topicguard.testkit.policy.PolicyBuilder.filter;
import static io.topicguard.testkit.policy.PolicyBuilder.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** MQTT's topic matching as docs/semantics.md, Topics and filters states it, through a one-rule policy per case. */
class TopicMatchingTest {

    private static final ClientInfo CLIENT = ClientInfo.builder("c1").username("u1").build();

    static Stream<Arguments> cases() {
        return Stream.of(
                // '#' matches the remaining zero or more levels
                arguments("#", "a", true),
                arguments("#", "a/b/c", true),
                arguments("#", "/", true),
                arguments("a/#", "a", true),
                arguments("a/#", "a/", true),
                arguments("a/#", "a/b/c", true),
                arguments("a/#", "ab", false),
                // '+' matches exactly one level, which may be empty
                arguments("+", "a", true),
                arguments("+", "a/b", false),
                arguments("+", "/", false),
                arguments("+/+", "/", true),
                arguments("a/+", "a/", true),
                arguments("a/+", "a", false),
                arguments("a/+/b", "a//b", true),
                // leading, trailing and empty levels are levels
                arguments("/a", "/a", true),
                arguments("/+", "a", false),
                arguments("a/", "a/", true),
                arguments("a/", "a", false),
                arguments("a//b", "a//b", true),
                arguments("a//b", "a/b", false),
                // MQTT-4.7.2-1: first-level wildcards never match '$' topics; deeper '$' is ordinary
                arguments("#", "$SYS/x", false),
                arguments("#", "$", false),
                arguments("+", "$x", false),
                arguments("+/#", "$SYS/x", false),
                arguments("+/a", "$/a", false),
                arguments("$SYS/#", "$SYS/x", true),
                arguments("$SYS/#", "$SYS", true),
                arguments("$SYS/+", "$SYS/a", true),
                arguments("+/+", "a/$b", true),
                // runs of literal levels (compared as one run of characters on the publish path)
                arguments("a/b/c", "a/b/c", true),
                arguments("a/b/c", "a/b", false),
                arguments("a/b/c", "a/b/c/d", false),
                arguments("a/b/c", "a/bc", false),
                arguments("a/b/c", "a/b/c/", false),
                arguments("ab/c", "a/bc", false),
                arguments("a/b/c/#", "a/b", false),
                arguments("a/b/c/#", "a/b/c", true),
                arguments("a/b/+/d", "a/b/x/d", true),
                arguments("a/b/+/d", "a/b/x/dd", false),
                arguments("a//b/c", "a//b/c", true),
                arguments("a//b/c", "a/b/c", false),
                // runs through '+' levels (also compared as one run on the publish path)
                arguments("a/+/+/b", "a/x/y/b", true),
                arguments("a/+/+/b", "a/x/b", false),
                arguments("a/+/+/b", "a///b", true),
                arguments("a/+/c/+/e", "a/b/c/d/e", true),
                arguments("a/+/c/+/e", "a/b/c/d/e/f", false),
                arguments("a/+/c/+/e", "a/b/x/d/e", false),
                arguments("a/+/c/+/e", "a/b/c/d", false),
                arguments("a/b/+", "a/b/", true),
                arguments("a/b/+", "a/b", false),
                arguments("a/b/+", "a/b/c/d", false),
                arguments("a/+/c", "a/bc", false),
                arguments("a/+/c", "a/b/cc", false),
                arguments("a/+/c/#", "a/b/c", true),
                arguments("a/+/c/#", "a/b/c/d/e", true),
                arguments("a/+/c/#", "a/b", false),
                // case-sensitive, no normalization
                arguments("A", "a", false),
                arguments("a", "a ", false));
    }

    @ParameterizedTest(name = "\"{0}\" matches \"{1}\": {2}")
    @MethodSource("cases")
    void ruleFilterMatchesTopicAsMqttSays(String ruleFilter, String topic, boolean matches) throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder().allow(all(), PUBLISH_ONLY, filter(ruleFilter)).build());
        Decision decision = policy.bind(CLIENT).publish(topic, 0, false);
        assertThat(decision.reason()).isEqualTo(matches ? Reason.RULE : Reason.DEFAULT);
        assertThat(decision.allowed()).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/+", "a/#", "#", "+", "a\0b", "a+b"})
    void invalidTopicNamesAreDeniedAsInvalidEvenForSuperusers(String topic) throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder()
                .setting(Setting.DEFAULT_ALLOW)
                .superuser(username("root"))
                .build());
        for (ClientInfo client : new ClientInfo[] {CLIENT, ClientInfo.builder("r").username("root").build()}) {
            Decision decision = policy.bind(client).publish(topic, 0, false);
            assertThat(decision.verdict()).isEqualTo(Verdict.DENY);
            assertThat(decision.reason()).isEqualTo(Reason.INVALID);
            assertThat(decision.source()).isNull();
        }
    }

    /**
     * The walk checks the characters it reads instead of a separate pass (trie.Match): a bad
     * character is caught wherever it sits — in a level a '+' takes, in a run compared at once,
     * past a '#', past where the walk gave up, in a topic an {@code eq} or {@code any} decides.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fleet/d+1/telemetry", "fleet/d#/telemetry", "fleet/d\0/telemetry", "fleet/\uD800/telemetry",
        "fleet/\uDC00x/telemetry", "fleet/d1/telemetry+", "fleet/d1/telemetry/\0", "fleet/d1/tele\0metry",
        "fleet+/d1/telemetry", "site/a/b+", "site/#", "site/\uD800", "x/y\0", "\uDC00", "+/fleet", "fleet/d1/x/+",
        "fleet/d1/x/y#", "fleet/d1/\0/y", "fleet/d\uD800/telemetry"})
    void badCharactersAreInvalidWhereverTheWalkStops(String topic) throws PolicyLoadException {
        // One who-group per shape: a run through '+' from the root, a run ending in '+', a table
        // of first levels with '#', a placeholder and '+' steps taken one node at a time.
        Policy policy = Policy.compile(new PolicyBuilder()
                .allow(all(), PUBLISH_ONLY, filter("fleet/+/telemetry"))
                .allow(clientId("c1"), PUBLISH_ONLY, filter("fleet/d1/+/+"))
                .allow(username("u1"), PUBLISH_ONLY, filter("site/#"), filter("x/${username}"), filter("fleet/+/+/+"))
                .build());
        ClientBinding binding = policy.bind(CLIENT);
        assertThat(binding.publish(topic, 0, false).reason()).isEqualTo(Reason.INVALID);
        assertThat(binding.deliver(topic, Subscription.of("#", 0)).reason()).isEqualTo(Reason.INVALID);
        StringBuilder repaired = new StringBuilder(topic);
        for (int i = 0; i < repaired.length(); i++) {
            char c = repaired.charAt(i);
            if (c == '+' || c == '#' || c == '\0' || Character.isSurrogate(c)) {
                repaired.setCharAt(i, 'z');
            }
        }
        assertThat(binding.publish(repaired.toString(), 0, false).reason()).isNotEqualTo(Reason.INVALID);
    }

    @org.junit.jupiter.api.Test
    void overlongTopicNameIsInvalid() throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder().setting(Setting.DEFAULT_ALLOW).build());
        assertThat(policy.bind(CLIENT).publish("a".repeat(65_536), 0, false).reason()).isEqualTo(Reason.INVALID);
        assertThat(policy.bind(CLIENT).publish("a".repeat(65_535), 0, false).reason()).isEqualTo(Reason.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/#/b", "a+", "a/b#", "#/", "$share/g", "$share//a", "$share/g+/a", "$share/g#/a",
        "$share/g/", "$share/g/a/#/b", "a\0"})
    void invalidFiltersAreDeniedAsInvalidEvenForSuperusers(String filter) throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder()
                .setting(Setting.DEFAULT_ALLOW)
                .superuser(username("root"))
                .build());
        for (ClientInfo client : new ClientInfo[] {CLIENT, ClientInfo.builder("r").username("root").build()}) {
            ClientBinding binding = policy.bind(client);
            assertThat(binding.subscribe(filter, 0).reason()).isEqualTo(Reason.INVALID);
            assertThat(binding.deliver("a", Subscription.of(filter, 0)).reason()).isEqualTo(Reason.INVALID);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "/", "//", "+/+/#", "$share/g/#", "$share/g/a/+", "$SYS/#", "a/$share/b"})
    void validFiltersAreDecidedByThePolicy(String filter) throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder().setting(Setting.DEFAULT_ALLOW).build());
        assertThat(policy.bind(CLIENT).subscribe(filter, 0).reason()).isEqualTo(Reason.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 128})
    void qosOutsideZeroToTwoIsInvalid(int qos) throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder().setting(Setting.DEFAULT_ALLOW).build());
        ClientBinding binding = policy.bind(CLIENT);
        assertThat(binding.publish("a", qos, false).reason()).isEqualTo(Reason.INVALID);
        assertThat(binding.subscribe("a", qos).reason()).isEqualTo(Reason.INVALID);
        assertThat(binding.deliver("a", Subscription.of("a", qos)).reason()).isEqualTo(Reason.INVALID);
    }
}
