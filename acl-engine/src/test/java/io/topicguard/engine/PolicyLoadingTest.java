package io.topicguard.engine;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.PolicyAst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Policy.load / fromString end to end through the parser, on docs/language.md's example. */
class PolicyLoadingTest {

    private static final String EXAMPLE = """
            default deny
            anonymous deny
            on deny ignore

            superuser username "admin" and ip "127.0.0.1"
            ban clientid ~ "^mallory-" reason "compromised batch"
            ban ip "203.0.113.0/24" until "2027-01-01"

            allow username "dashboard" to subscribe "$SYS/#"
            deny  all to subscribe eq "#", eq "+/#"                 # no firehose subscriptions
            allow all to publish, subscribe "devices/${clientid}/#"
            allow username ~ "^sensor-" to publish "telemetry/${username}/+" qos 0..1 retain false
            allow ip in ["10.0.0.0/8", "fd00::/8"] and listener "tls" to subscribe "factory/+/alarms"
            """;

    @Test
    void languageExampleAnswersAsItsCommentsSay() throws Exception {
        Policy policy = Policy.fromString("example.acl", EXAMPLE);
        ClientInfo sensor = ClientInfo.builder("sensor-1").username("sensor-7").build();
        ClientBinding b = policy.bind(sensor);
        assertThat(b.connect().allowed()).isTrue();
        Decision telemetry = b.publish("telemetry/sensor-7/temp", 1, false);
        assertThat(telemetry.allowed()).isTrue();
        assertThat(telemetry.sourceLine()).isEqualTo("example.acl:12");
        assertThat(b.publish("telemetry/sensor-7/temp", 2, false).reason()).isEqualTo(Reason.DEFAULT);
        assertThat(b.publish("devices/sensor-1/state", 2, true).sourceLine()).isEqualTo("example.acl:11");
        Decision firehose = b.subscribe("#", 0);
        assertThat(firehose.verdict()).isEqualTo(Verdict.DENY);
        assertThat(firehose.sourceLine()).isEqualTo("example.acl:10");
        assertThat(firehose.statement()).contains("eq \"#\"");

        Decision banned = policy.connect(ClientInfo.builder("mallory-3").username("m").build());
        assertThat(banned.reason()).isEqualTo(Reason.BANNED);
        assertThat(banned.sourceLine()).isEqualTo("example.acl:6");

        ClientBinding admin = policy.bind(ClientInfo.builder("x").username("admin")
                .address(InetAddress.getByName("127.0.0.1")).build());
        assertThat(admin.publish("$SYS/anything", 0, true).reason()).isEqualTo(Reason.SUPERUSER);

        ClientBinding factory = policy.bind(ClientInfo.builder("f").username("f")
                .address(InetAddress.getByName("fd00::1")).listener("tls").build());
        assertThat(factory.subscribe("factory/+/alarms", 0).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(factory.subscribe("factory/#", 0).verdict()).isEqualTo(Verdict.PARTIAL);
    }

    @Test
    void loadFollowsIncludesAndNamesTheIncludedFileInSources(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.acl"), "allow username \"a\" to publish \"x\"\ninclude \"tenants/acme.acl\"\n");
        Files.createDirectories(dir.resolve("tenants"));
        Files.writeString(dir.resolve("tenants/acme.acl"), "\nallow username \"acme\" to publish \"acme/#\"\n");
        Policy policy = Policy.load(dir.resolve("main.acl"));
        Decision d = policy.bind(ClientInfo.builder("c").username("acme").build()).publish("acme/1", 0, false);
        assertThat(d.allowed()).isTrue();
        assertThat(d.source().file()).endsWith("acme.acl");
        assertThat(d.source().line()).isEqualTo(2);
        assertThat(policy.files()).hasSize(2);
    }

    @Test
    void parseErrorsBecomeAPolicyLoadExceptionWithEveryDiagnostic() {
        assertThatThrownBy(() -> Policy.fromString("bad.acl", "allow all to publish\ndeny all to subscribe \"a/#/b\"\n"))
                .isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).diagnostics()).hasSizeGreaterThanOrEqualTo(2))
                .hasMessageContaining("bad.acl:1:")
                .hasMessageContaining("bad.acl:2:");
    }

    @Test
    void missingFileIsAPolicyLoadExceptionNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> Policy.load(dir.resolve("nope.acl")))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("nope.acl");
    }

    @Test
    void ruleTopicDeeperThanTheTrieLimitIsALocatedErrorNotAStackOverflow() {
        String deep = "a/".repeat(5_000) + "b";
        assertThatThrownBy(() -> Policy.fromString("deep.acl", "\nallow all to publish \"" + deep + "\"\n"))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("deep.acl:2:")
                .hasMessageContaining("more than 256 levels");
    }

    @Test
    void compilingAnAstBeyondTheTrieLimitThrowsTheSameLocatedException() {
        String deep = "a/".repeat(300) + "b";
        ParseResult parsed = PolicyParser.parseString("deep.acl", "\nallow all to publish \"" + deep + "\"\n", null);
        PolicyAst ast = ((ParseResult.Success) parsed).policy();
        assertThatThrownBy(() -> Policy.compile(ast))
                .isInstanceOf(PolicyLoadException.class)
                .satisfies(e -> assertThat(((PolicyLoadException) e).diagnostics())
                        .singleElement().satisfies(d -> assertThat(d.position().line()).isEqualTo(2)))
                .hasMessageContaining("deep.acl:2:")
                .hasMessageContaining("more than 256 levels");
    }

    @Test
    void theLevelLimitHoldsForTheShortestFiltersAtIt() throws Exception {
        // Empty levels: 256 slashes are 257 levels in 256 characters, the shortest filter over the limit.
        assertThatThrownBy(() -> Policy.fromString("slashes.acl", "allow all to publish \"" + "/".repeat(256) + "\""))
                .isInstanceOf(PolicyLoadException.class)
                .hasMessageContaining("(this one has 257)");
        assertThat(Policy.fromString("slashes.acl", "allow all to publish \"" + "/".repeat(255) + "\"").ruleCount())
                .isEqualTo(1);
    }

    @Test
    void settingsReadAsTheEnginesOwnValuesWrittenOrDefault() throws Exception {
        Policy silent = Policy.fromString("silent.acl", "allow all to publish \"a\"");
        assertThat(silent.onDeny()).isEqualTo(OnDeny.IGNORE);
        assertThat(silent.onPartial()).isEqualTo(OnPartial.FILTER);
        assertThat(silent.allowsByDefault()).isFalse();
        assertThat(silent.allowsAnonymous()).isFalse();

        Policy written = Policy.fromString("written.acl", "default allow\nanonymous allow\non deny disconnect\npartial deny\n");
        assertThat(written.onDeny()).isEqualTo(OnDeny.DISCONNECT);
        assertThat(written.onPartial()).isEqualTo(OnPartial.DENY);
        assertThat(written.allowsByDefault()).isTrue();
        assertThat(written.allowsAnonymous()).isTrue();
    }

    @Test
    void filesAreListedWithTheirPathAndDigest(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("p.acl"), "allow all to publish \"a\"\n");
        Policy policy = Policy.load(file);
        assertThat(policy.files()).singleElement().satisfies(f -> {
            assertThat(f.displayName()).isEqualTo(file.toString());
            assertThat(f.path()).isEqualTo(file);
            assertThat(f.sha256()).matches("[0-9a-f]{64}");
        });
        assertThat(Policy.fromString("s.acl", "default deny").files()).singleElement()
                .satisfies(f -> assertThat(f.path()).isNull());
    }

    @Test
    void ruleTopicAtTheLimitCompilesAndMatches() throws Exception {
        String topic = "a/".repeat(255) + "b";
        Policy policy = Policy.fromString("deep.acl", "allow all to publish, subscribe \"" + topic + "\"");
        ClientBinding b = policy.bind(ClientInfo.builder("c").username("u").build());
        assertThat(b.publish(topic, 0, false).allowed()).isTrue();
        assertThat(b.publish(topic + "/c", 0, false).allowed()).isFalse();
        assertThat(b.subscribe("a/#", 0).verdict()).isEqualTo(Verdict.PARTIAL);
    }
}
