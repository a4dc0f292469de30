package io.topicguard.engine.lint;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.Effect;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.testkit.policy.PolicyBuilder;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.topicguard.testkit.policy.PolicyBuilder.BOTH;
import static io.topicguard.testkit.policy.PolicyBuilder.PUBLISH_ONLY;
import static io.topicguard.testkit.policy.PolicyBuilder.SUBSCRIBE_ONLY;
import static io.topicguard.testkit.policy.PolicyBuilder.all;
import static io.topicguard.testkit.policy.PolicyBuilder.and;
import static io.topicguard.testkit.policy.PolicyBuilder.clientId;
import static io.topicguard.testkit.policy.PolicyBuilder.cn;
import static io.topicguard.testkit.policy.PolicyBuilder.anonymous;
import static io.topicguard.testkit.policy.PolicyBuilder.any;
import static io.topicguard.testkit.policy.PolicyBuilder.eq;
import static io.topicguard.testkit.policy.PolicyBuilder.filter;
import static io.topicguard.testkit.policy.PolicyBuilder.in;
import static io.topicguard.testkit.policy.PolicyBuilder.listener;
import static io.topicguard.testkit.policy.PolicyBuilder.matches;
import static io.topicguard.testkit.policy.PolicyBuilder.not;
import static io.topicguard.testkit.policy.PolicyBuilder.or;
import static io.topicguard.testkit.policy.PolicyBuilder.username;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyLinterTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static List<Diagnostic> lint(PolicyBuilder policy) {
        return PolicyLinter.lint(policy.build(), CLOCK);
    }

    /** "line: message" of each warning, to compare as text. */
    private static List<String> summary(PolicyBuilder policy) {
        return lint(policy).stream().map(d -> d.position().line() + ": " + d.message()).toList();
    }

    @Test
    void cleanPolicyHasNoWarnings() {
        assertThat(lint(new PolicyBuilder()
                .setting(Setting.DEFAULT_DENY)
                .deny(all(), SUBSCRIBE_ONLY, eq("#"))
                .allow(username("dashboard"), SUBSCRIBE_ONLY, filter("$SYS/#"), filter("#"))
                .allow(all(), BOTH, filter("devices/${username}/#"))
                .allow(username("a"), PUBLISH_ONLY, filter("devices/x/#")))).isEmpty();
    }

    /** Issue 16 item 9: user "dashboard" connected as client id "sensor-17" and read the sensor's commands. */
    @Test
    void clientIdPlaceholderGrantsAreWarnedUnlessTheRuleTiesTheClientIdToAnIdentity() {
        List<Diagnostic> warnings = lint(new PolicyBuilder()
                .allow(all(), BOTH, filter("devices/${clientid}/#"))
                .allow(username("u"), SUBSCRIBE_ONLY, filter("commands/${clientid}/set"), filter("plain/${username}"))
                .allow(clientId("gw-1"), PUBLISH_ONLY, filter("gw/${clientid}/a"))
                .allow(and(username("gw-1"), clientId("gw-1")), PUBLISH_ONLY, filter("gw/${clientid}/b"))
                .allow(or(and(in(Attribute.USERNAME, "a", "b"), in(Attribute.CLIENTID, "a", "b")), and(cn("c"), clientId("c"))),
                        PUBLISH_ONLY, filter("gw/${clientid}/c"))
                .allow(or(and(username("d"), clientId("d")), username("e")), PUBLISH_ONLY, filter("gw/${clientid}/d"))
                .deny(all(), BOTH, filter("quarantine/${clientid}"))
                .allow(all(), PUBLISH_ONLY, eq("literal/${clientid}")));
        assertThat(warnings).filteredOn(d -> d.message().startsWith("'${clientid}' is whatever client id the client claims"))
                .extracting(d -> d.position().line()).containsExactly(1, 2, 3, 6);
        assertThat(warnings).filteredOn(d -> d.message().startsWith("'${clientid}'"))
                .allSatisfy(d -> assertThat(DiagnosticCode.of(d)).isEqualTo(DiagnosticCode.UNTIED_CLIENTID));
    }

    @Test
    void defaultAllowAndAnonymousAllowAreWarnedAtTheirStatement() {
        List<Diagnostic> warnings = lint(new PolicyBuilder()
                .setting(Setting.DEFAULT_ALLOW)
                .setting(Setting.ANONYMOUS_ALLOW));
        assertThat(warnings).extracting(d -> d.position().line()).containsExactly(1, 2);
        assertThat(warnings).allSatisfy(d -> {
            assertThat(d.severity()).isEqualTo(Diagnostic.Severity.WARNING);
            assertThat(d.hint()).isNotBlank();
        });
        assertThat(warnings.get(0).message()).contains("default allow");
        assertThat(warnings.get(1).message()).contains("anonymous allow");
    }

    @Test
    void expiredBanIsWarnedActiveBanIsNot() {
        assertThat(summary(new PolicyBuilder()
                .ban(username("x"), NOW.minusSeconds(1))
                .ban(username("y"), NOW.plusSeconds(1))
                .ban(username("z"), null)))
                .containsExactly("1: this ban expired at 2026-05-31T23:59:59Z and no longer applies");
    }

    @Test
    void hashRuleMeantForEverythingIsWarnedAboutDollarTopics() {
        List<Diagnostic> warnings = lint(new PolicyBuilder()
                .allow(username("ops"), SUBSCRIBE_ONLY, filter("#"))
                .deny(username("x"), PUBLISH_ONLY, filter("+/#")));
        assertThat(warnings).extracting(Diagnostic::message).allMatch(m -> m.contains("'$'"));
        assertThat(warnings).extracting(Diagnostic::hint).allMatch(h -> h.contains("any"));
        assertThat(warnings).hasSize(2);
    }

    @Test
    void hashRuleThatAlsoNamesDollarTopicsOrNarrowWildcardsAreNotWarned() {
        assertThat(lint(new PolicyBuilder()
                .allow(username("ops"), SUBSCRIBE_ONLY, filter("#"), filter("$SYS/#"))
                .allow(username("ops2"), SUBSCRIBE_ONLY, filter("#"), any())
                .allow(username("a"), SUBSCRIBE_ONLY, filter("+/x/#")))).isEmpty();
    }

    @Test
    void whoExpressionsThatCanNeverBeTrueAreWarned() {
        assertThat(summary(new PolicyBuilder()
                .allow(and(anonymous(), username("x")), PUBLISH_ONLY, filter("a"))
                .allow(not(all()), PUBLISH_ONLY, filter("b"))
                .allow(and(username("x"), username("y")), PUBLISH_ONLY, filter("c"))
                .allow(and(listener("tls"), not(listener("tls"))), PUBLISH_ONLY, filter("d"))
                .allow(and(anonymous(), matches(Attribute.USERNAME, "^s")), PUBLISH_ONLY, filter("e"))
                .allow(and(in(Attribute.CLIENTID, "a", "b"), in(Attribute.CLIENTID, "c")), PUBLISH_ONLY, filter("f"))
                .superuser(not(or(all(), username("q"))))
                // satisfiable: no warning
                .allow(and(in(Attribute.CLIENTID, "a", "b"), in(Attribute.CLIENTID, "b")), PUBLISH_ONLY, filter("g"))
                .allow(and(anonymous(), matches(Attribute.CLIENTID, "^s")), PUBLISH_ONLY, filter("h"))))
                .extracting(s -> s.substring(0, s.indexOf(':')))
                .containsExactly("1", "2", "3", "4", "5", "6", "7");
    }

    @Test
    void ruleAfterABroaderRuleForEveryoneIsShadowed() {
        List<Diagnostic> warnings = lint(new PolicyBuilder()
                .deny(all(), BOTH, filter("secret/#"))
                .allow(username("alice"), PUBLISH_ONLY, filter("secret/plans"), filter("secret/+/x"))
                .allow(username("alice"), PUBLISH_ONLY, filter("secret/plans"), filter("public/x")));
        assertThat(warnings).extracting(d -> d.position().line()).containsExactly(2);
        assertThat(warnings.get(0).message()).contains("test.acl:1");
        assertThat(warnings.get(0).hint()).contains("move it above test.acl:1");
    }

    @Test
    void ruleAfterTheSameWhoWithWiderTopicsOptionsAndActionsIsShadowed() {
        assertThat(summary(new PolicyBuilder()
                .allow(username("a"), BOTH, filter("x/+"))
                .deny(username("a"), SUBSCRIBE_ONLY, filter("x/y"))
                .deny(and(username("a"), listener("tls")), PUBLISH_ONLY, eq("x/z"))
                .deny(username("b"), SUBSCRIBE_ONLY, filter("x/y"))))
                .extracting(s -> s.substring(0, s.indexOf(':')))
                .containsExactly("2", "3");
    }

    @Test
    void narrowerOptionsOrActionsOrPlaceholdersPreventShadowing() {
        assertThat(lint(new PolicyBuilder()
                .rule(Effect.ALLOW, all(), PUBLISH_ONLY, Qos.of(0), Retain.ANY, filter("a/#"))
                .allow(all(), PUBLISH_ONLY, filter("a/b"))
                .rule(Effect.ALLOW, all(), PUBLISH_ONLY, Qos.ANY, Retain.TRUE, filter("b/#"))
                .allow(all(), PUBLISH_ONLY, filter("b/c"))
                .allow(all(), PUBLISH_ONLY, filter("c/#"))
                .allow(all(), BOTH, filter("c/d"))
                .allow(all(), PUBLISH_ONLY, filter("+/x"))
                .allow(all(), PUBLISH_ONLY, filter("${username}/x"))
                .allow(all(), PUBLISH_ONLY, filter("d/${clientid}"))
                .allow(all(), PUBLISH_ONLY, filter("d/e"))))
                .filteredOn(d -> DiagnosticCode.of(d) != DiagnosticCode.UNTIED_CLIENTID).isEmpty();
    }

    @Test
    void anyShadowsEverythingAfterItForTheSameActions() {
        assertThat(summary(new PolicyBuilder()
                .deny(username("m"), BOTH, any())
                .allow(username("m"), SUBSCRIBE_ONLY, filter("$SYS/#"), eq("#"))))
                .extracting(s -> s.substring(0, s.indexOf(':')))
                .containsExactly("2");
    }

    @Test
    void warningsOnAParsedFileQuoteTheLineWithACaret(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("p.acl");
        java.nio.file.Files.writeString(file, """
                default deny
                allow username "ops" to subscribe "#"
                ban username "old" until "2020-01-01"
                deny all to publish "a/#"
                allow username "x" to publish "a/b"
                """);
        io.topicguard.dsl.ParseResult parsed = io.topicguard.dsl.PolicyParser.parseFile(file);
        assertThat(parsed).isInstanceOf(io.topicguard.dsl.ParseResult.Success.class);
        List<Diagnostic> warnings = PolicyLinter.lint(((io.topicguard.dsl.ParseResult.Success) parsed).policy(), CLOCK);
        assertThat(warnings).extracting(d -> d.position().line()).containsExactly(2, 3, 5);
        assertThat(warnings.get(0).format())
                .contains(": warning: \"#\" does not match topics starting with '$'")
                .contains("allow username \"ops\" to subscribe \"#\"")
                .contains("^")
                .contains("hint: write 'any'");
        assertThat(warnings.get(0).position().column()).isEqualTo(35);
    }

    @Test
    void shadowCheckingStopsAtItsBudgetAndSaysWhereItStopped() {
        PolicyBuilder policy = new PolicyBuilder();
        for (int i = 0; i < 200; i++) {
            policy.allow(all(), PUBLISH_ONLY, filter("t/" + i));
        }
        // 100 rules cost 0 + 1 + ... + 99 = 4,950 comparisons; the 101st crosses a budget of 5,000.
        List<Diagnostic> warnings = PolicyLinter.lint(policy.build(), CLOCK, 5_000);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).message()).startsWith("too many rules to check them all for shadowing");
        assertThat(warnings.get(0).position().line()).isEqualTo(101);
    }
}
