package io.topicguard.dsl;

import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.BanStatement;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SourceFile;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.ast.SuperuserStatement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.ast.Who;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The example policy of docs/language.md (with its tenants/acme.acl include) parses to what it says. */
class LanguageExampleTest {

    private static PolicyAst parse() throws URISyntaxException {
        Path policy = Path.of(LanguageExampleTest.class.getResource("/language-example/policy.acl").toURI());
        ParseResult result = PolicyParser.parseFile(policy);
        assertThat(result).as(() -> result.toString()).isInstanceOf(ParseResult.Success.class);
        return ((ParseResult.Success) result).policy();
    }

    @Test
    void everyStatementIsThereInFileOrderWithTheIncludeExpandedInPlace() throws URISyntaxException {
        PolicyAst ast = parse();

        assertThat(ast.statements()).extracting(s -> s.position().line() + " " + s.text()).containsExactly(
                "2 default deny",
                "3 anonymous deny",
                "4 on deny ignore",
                "6 superuser username \"admin\" and ip \"127.0.0.1\"",
                "7 ban clientid ~ \"^mallory-\" reason \"compromised batch\"",
                "8 ban ip \"203.0.113.0/24\" until \"2027-01-01\"",
                "10 allow username \"dashboard\" to subscribe \"$SYS/#\"",
                "11 deny all to subscribe eq \"#\", eq \"+/#\"",
                "12 allow all to publish, subscribe \"devices/${clientid}/#\"",
                "13 allow username ~ \"^sensor-\" to publish \"telemetry/${username}/+\" qos 0..1 retain false",
                "14 allow ip in [\"10.0.0.0/8\", \"fd00::/8\"] and listener \"tls\" to subscribe \"factory/+/alarms\"",
                "2 allow username ~ \"^acme-\" to publish, subscribe \"acme/${username}/#\"",
                "3 allow username in [\"acme-ops\", \"acme-audit\"] to subscribe \"acme/+/#\" qos 0, 1",
                "4 deny username ~ \"^acme-\" to all any");
        assertThat(ast.files()).extracting(SourceFile::displayName).hasSize(2);
        assertThat(ast.files().get(1).displayName()).endsWith("language-example/tenants/acme.acl");
        assertThat(ast.statements().get(11).position().file()).isEqualTo(ast.files().get(1).displayName());
    }

    @Test
    void settingsSuperuserAndBans() throws URISyntaxException {
        PolicyAst ast = parse();
        List<Statement> s = ast.statements();

        assertThat(ast.settingOrDefault(Setting.Kind.DEFAULT)).isEqualTo(Setting.DEFAULT_DENY);
        assertThat(ast.settingOrDefault(Setting.Kind.ON_DENY)).isEqualTo(Setting.ON_DENY_IGNORE);
        assertThat(ast.settingOrDefault(Setting.Kind.PARTIAL)).isEqualTo(Setting.PARTIAL_FILTER);
        assertThat(((SuperuserStatement) s.get(3)).who()).isInstanceOf(Who.And.class);
        assertThat(((BanStatement) s.get(4)).reason()).contains("compromised batch");
        assertThat(((BanStatement) s.get(5)).until()).contains(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void rulesCarryTheirTopicsAndOptions() throws URISyntaxException {
        List<RuleStatement> rules = parse().rules();

        assertThat(rules.get(1).topics()).extracting(Topic::getClass).containsOnly(Topic.Exact.class);
        assertThat(rules.get(2).actions()).isEqualTo(Set.of(Action.PUBLISH, Action.SUBSCRIBE));
        RuleStatement sensors = rules.get(3);
        assertThat(sensors.who()).isEqualTo(new Who.Matches(Attribute.USERNAME, "^sensor-"));
        assertThat(sensors.qos()).isEqualTo(Qos.of(0, 1));
        assertThat(sensors.retain()).isEqualTo(Retain.FALSE);
        assertThat(rules.get(6).qos()).isEqualTo(Qos.of(0, 1));
        assertThat(rules.get(7).topics()).singleElement().isInstanceOf(Topic.Any.class);
    }

    @Test
    void docsLanguageMdShowsThisFileVerbatim() throws URISyntaxException, IOException {
        String file = Files.readString(Path.of(LanguageExampleTest.class.getResource("/language-example/policy.acl").toURI()));
        String statements = file.substring(file.indexOf('\n') + 1); // after the comment naming where it comes from
        String doc = Files.readString(Path.of("..", "docs", "language.md"), StandardCharsets.UTF_8);

        assertThat(doc).contains("```acl\n" + statements + "```\n");
    }
}
