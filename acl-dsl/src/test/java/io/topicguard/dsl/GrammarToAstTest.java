package io.topicguard.dsl;

import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.BanStatement;
import io.topicguard.dsl.ast.Effect;
import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.SuperuserStatement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.ast.Who;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.topicguard.dsl.Parsing.policy;
import static io.topicguard.dsl.Parsing.rule;
import static io.topicguard.dsl.Parsing.statement;
import static org.assertj.core.api.Assertions.assertThat;

/** Every construct of docs/language.md, parsed to the AST it stands for. */
class GrammarToAstTest {

    private static SourcePosition at(int line, int column) {
        return new SourcePosition(Parsing.NAME, line, column);
    }

    @Test
    void emptyPolicyIsValidAndDeniesByDefault() {
        PolicyAst ast = policy("");
        assertThat(ast.statements()).isEmpty();
        assertThat(ast.settingOrDefault(Setting.Kind.DEFAULT)).isEqualTo(Setting.DEFAULT_DENY);
        assertThat(policy("   # only a comment\n\n").statements()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "default allow, DEFAULT_ALLOW", "default deny, DEFAULT_DENY",
            "anonymous allow, ANONYMOUS_ALLOW", "anonymous deny, ANONYMOUS_DENY",
            "on deny ignore, ON_DENY_IGNORE", "on deny disconnect, ON_DENY_DISCONNECT",
            "partial filter, PARTIAL_FILTER", "partial deny, PARTIAL_DENY"})
    void everySettingParsesToItsValue(String text, Setting expected) {
        assertThat(statement(text)).isEqualTo(new SettingStatement(expected, at(1, 1), text));
    }

    @Test
    void ruleWithoutToCoversEveryActionAndEveryTopic() {
        RuleStatement rule = rule("deny all");
        assertThat(rule.effect()).isEqualTo(Effect.DENY);
        assertThat(rule.who()).isEqualTo(new Who.All());
        assertThat(rule.actions()).containsExactlyInAnyOrder(Action.PUBLISH, Action.SUBSCRIBE);
        assertThat(rule.topics()).containsExactly(new Topic.Any(at(1, 1)));
        assertThat(rule.qos()).isEqualTo(Qos.ANY);
        assertThat(rule.retain()).isEqualTo(Retain.ANY);
    }

    @Test
    void actionsTopicsAndTheirPositions() {
        RuleStatement rule = rule("allow all to publish, subscribe \"a/+\", eq \"#\", any");
        assertThat(rule.actions()).isEqualTo(Set.of(Action.PUBLISH, Action.SUBSCRIBE));
        assertThat(rule.topics()).containsExactly(
                new Topic.Filter("a/+", at(1, 33)),
                new Topic.Exact("#", at(1, 43)),
                new Topic.Any(at(1, 48)));
        assertThat(rule("allow all to all \"x\"").actions()).isEqualTo(Set.of(Action.PUBLISH, Action.SUBSCRIBE));
        assertThat(rule("allow all to subscribe \"x\"").actions()).isEqualTo(Set.of(Action.SUBSCRIBE));
    }

    @Test
    void placeholdersStayAsWrittenInFilters() {
        assertThat(rule("allow all to publish \"devices/${clientid}/#\", \"sensor-${username}/${cn}\"").topics())
                .extracting(t -> ((Topic.Filter) t).filter())
                .containsExactly("devices/${clientid}/#", "sensor-${username}/${cn}");
        // eq is literal: a placeholder-looking text is just text.
        assertThat(rule("allow all to subscribe eq \"a/${whatever}\"").topics().get(0))
                .isEqualTo(new Topic.Exact("a/${whatever}", at(1, 27)));
    }

    @Test
    void qosListRangeAndRetainOptions() {
        assertThat(rule("allow all to publish \"a\" qos 0, 2").qos()).isEqualTo(Qos.of(0, 2));
        assertThat(rule("allow all to publish \"a\" qos 1..2").qos()).isEqualTo(Qos.of(1, 2));
        assertThat(rule("allow all to publish \"a\" qos 1..1").qos()).isEqualTo(Qos.of(1));
        RuleStatement rule = rule("allow all to publish \"a\" retain true qos 0");
        assertThat(rule.retain()).isEqualTo(Retain.TRUE);
        assertThat(rule.qos()).isEqualTo(Qos.of(0));
        assertThat(rule("allow all to all \"a\" retain false").retain()).isEqualTo(Retain.FALSE);
    }

    @Test
    void everyWhoTerm() {
        assertThat(rule("allow anonymous").who()).isEqualTo(new Who.Anonymous());
        assertThat(rule("allow username \"u\"").who()).isEqualTo(new Who.Equals(Attribute.USERNAME, "u"));
        assertThat(rule("allow clientid \"c\"").who()).isEqualTo(new Who.Equals(Attribute.CLIENTID, "c"));
        assertThat(rule("allow cn \"n\"").who()).isEqualTo(new Who.Equals(Attribute.CN, "n"));
        assertThat(rule("allow username ~ \"^a\\\\d+$\"").who()).isEqualTo(new Who.Matches(Attribute.USERNAME, "^a\\d+$"));
        assertThat(rule("allow clientid in [\"a\", \"b\"]").who()).isEqualTo(new Who.In(Attribute.CLIENTID, List.of("a", "b")));
        assertThat(rule("allow listener \"tls\"").who()).isEqualTo(new Who.Listener("tls"));
        assertThat(rule("allow ip \"10.1.2.3/8\"").who())
                .isEqualTo(new Who.Ip(List.of(new IpBlock("10.1.2.3/8", new byte[]{10, 0, 0, 0}, 8))));
        assertThat(rule("allow ip in [\"127.0.0.1\", \"::1\"]").who()).isEqualTo(new Who.Ip(List.of(
                new IpBlock("127.0.0.1", new byte[]{127, 0, 0, 1}, 32),
                new IpBlock("::1", new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128))));
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        Who a = new Who.Equals(Attribute.USERNAME, "a");
        Who b = new Who.Equals(Attribute.USERNAME, "b");
        Who c = new Who.Equals(Attribute.USERNAME, "c");
        assertThat(rule("allow username \"a\" or username \"b\" and username \"c\"").who())
                .isEqualTo(new Who.Or(List.of(a, new Who.And(List.of(b, c)))));
        assertThat(rule("allow (username \"a\" or username \"b\") and not username \"c\"").who())
                .isEqualTo(new Who.And(List.of(new Who.Or(List.of(a, b)), new Who.Not(c))));
        assertThat(rule("allow not not (username \"a\")").who()).isEqualTo(new Who.Not(new Who.Not(a)));
        assertThat(rule("allow username \"a\" and username \"b\" and username \"c\"").who())
                .isEqualTo(new Who.And(List.of(a, b, c)));
    }

    @Test
    void superuserAndBan() {
        assertThat(statement("superuser username \"admin\""))
                .isEqualTo(new SuperuserStatement(new Who.Equals(Attribute.USERNAME, "admin"), at(1, 1), "superuser username \"admin\""));
        BanStatement ban = (BanStatement) statement("ban clientid \"m\" until \"2027-01-01\" reason \"stolen\"");
        assertThat(ban.until()).contains(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(ban.reason()).contains("stolen");
        BanStatement reversed = (BanStatement) statement("ban all reason \"r\" until \"2027-01-01T10:00:00+02:00\"");
        assertThat(reversed.until()).contains(Instant.parse("2027-01-01T08:00:00Z"));
        BanStatement forever = (BanStatement) statement("ban ip \"::/0\"");
        assertThat(forever.until()).isEqualTo(Optional.empty());
        assertThat(forever.reason()).isEmpty();
    }

    @Test
    void stringEscapesAreDecoded() {
        assertThat(rule("allow username \"q\\\"b\\\\s\\tt\\nn\\u00e9\"").who())
                .isEqualTo(new Who.Equals(Attribute.USERNAME, "q\"b\\s\tt\nn\u00e9"));
    }

    @Test
    void statementTextCollapsesWhitespaceAndDropsComments() {
        RuleStatement rule = rule("allow   all # who\n   to publish,subscribe\t\"a/b\"   qos 0..1 # end\n");
        assertThat(rule.text()).isEqualTo("allow all to publish,subscribe \"a/b\" qos 0..1");
        assertThat(rule.position()).isEqualTo(at(1, 1));
        assertThat(rule.topics().get(0).position()).isEqualTo(at(2, 25));
    }

    @Test
    void statementsNeedNoTerminatorAndMayShareALine() {
        PolicyAst ast = policy("default deny anonymous allow allow anonymous deny all on deny disconnect partial deny");
        assertThat(ast.statements()).extracting(s -> s.text()).containsExactly(
                "default deny", "anonymous allow", "allow anonymous", "deny all", "on deny disconnect", "partial deny");
        assertThat(ast.statements().get(2)).isInstanceOf(RuleStatement.class);
    }

    @Test
    void keywordsInsideStringsAndHashesInsideStringsAreText() {
        RuleStatement rule = rule("allow username \"allow # deny\" to subscribe \"a/#\"");
        assertThat(rule.who()).isEqualTo(new Who.Equals(Attribute.USERNAME, "allow # deny"));
        assertThat(((Topic.Filter) rule.topics().get(0)).filter()).isEqualTo("a/#");
    }

    @Test
    void policyGivenAsStringIsRecordedWithItsHash() {
        PolicyAst ast = policy("default deny");
        assertThat(ast.files()).hasSize(1);
        assertThat(ast.files().get(0).displayName()).isEqualTo(Parsing.NAME);
        assertThat(ast.files().get(0).path()).isNull();
        assertThat(ast.files().get(0).sha256()).matches("[0-9a-f]{64}");
    }
}
