package io.topicguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicguard.engine.lint.DiagnosticCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lint --format json|sarif}: every diagnostic with its stable code, for machines, on standard output only. */
class LintFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void jsonIsOneObjectPerDiagnosticWithEveryKey() throws Exception {
        Path file = write("p.acl", "default allow\nallow all to publish \"a/#\"\nallow username \"x\" to publish \"a/b\"\n");

        Cli.Run run = Cli.run("lint", "--policy", file.toString(), "--format", "json");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("[\n"
                + "{\"file\":\"" + file + "\",\"line\":1,\"column\":1,\"severity\":\"warning\",\"code\":\"TG103\",\"name\":\"default-allow\","
                + "\"message\":\"'default allow' permits every topic no rule mentions\",\"hint\":\"write 'default deny' and allow what clients need\"},\n"
                + "{\"file\":\"" + file + "\",\"line\":3,\"column\":1,\"severity\":\"warning\",\"code\":\"TG101\",\"name\":\"shadowed-rule\","
                + "\"message\":\"this rule never decides: the rule at " + file + ":2 (allow all to publish \\\"a/#\\\") applies first whenever it does\","
                + "\"hint\":\"remove it, or move it above " + file + ":2\"}\n"
                + "]\n");
        assertThat(JSON.readTree(run.out()).size()).isEqualTo(2);
    }

    @Test
    void jsonReportsErrorsTooAndExitsTwoAndACleanPolicyIsAnEmptyArray() throws Exception {
        Path bad = write("bad.acl", "allow all to publish \"a/#/b\"\ndefault maybe\n");
        Path clean = write("clean.acl", "default deny\n");

        Cli.Run errors = Cli.run("lint", "--policy", bad.toString(), "--format", "json");
        Cli.Run none = Cli.run("lint", "--policy", clean.toString(), "--format", "json");

        assertThat(errors.status()).as("%s", errors).isEqualTo(2);
        assertThat(errors.err()).isEmpty();
        JsonNode diagnostics = JSON.readTree(errors.out());
        assertThat(diagnostics).extracting(d -> d.get("line").asInt() + ":" + d.get("column").asInt() + " " + d.get("severity").asText()
                + " " + d.get("code").asText() + " " + d.get("name").asText())
                .containsExactly("1:25 error TG003 invalid-topic", "2:9 error TG001 syntax-error");
        assertThat(diagnostics.get(1).get("hint").isNull()).isTrue();
        assertThat(none.out()).isEqualTo("[]\n");
        assertThat(none.status()).isZero();
    }

    @Test
    void sarifHasEveryFieldThe210SchemaRequiresAndPointsAtTheProblems() throws Exception {
        Path file = write("my policy.acl", "anonymous allow\nallow username \"x\" to subscribe \"#\"\n");

        Cli.Run run = Cli.run("lint", "--policy", file.toString(), "--format", "sarif");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode log = JSON.readTree(run.out());
        assertValidSarif(log);
        JsonNode results = log.get("runs").get(0).get("results");
        assertThat(results).extracting(r -> r.get("ruleId").asText() + " " + r.get("level").asText() + " "
                        + r.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText() + ":"
                        + r.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt() + ":"
                        + r.get("locations").get(0).get("physicalLocation").get("region").get("startColumn").asInt())
                .containsExactly("TG104 warning " + SarifLog.uri(file.toString()) + ":1:1",
                        "TG102 warning " + SarifLog.uri(file.toString()) + ":2:33");
        assertThat(SarifLog.uri(file.toString())).endsWith("/my%20policy.acl");
        assertThat(results.get(0).get("message").get("text").asText()).isEqualTo(
                "'anonymous allow' lets clients connect without a username\nhint: write 'anonymous deny' unless this broker is deliberately open");
    }

    @Test
    void sarifOfARejectedPolicyHasItsErrors() throws Exception {
        Path file = write("bad.acl", "allow all to publish qos 1\n");

        Cli.Run run = Cli.run("lint", "--policy", file.toString(), "--format", "sarif");

        assertThat(run.status()).isEqualTo(2);
        JsonNode log = JSON.readTree(run.out());
        assertValidSarif(log);
        JsonNode result = log.get("runs").get(0).get("results").get(0);
        assertThat(result.get("ruleId").asText()).isEqualTo("TG001");
        assertThat(result.get("level").asText()).isEqualTo("error");
    }

    @Test
    void anUnknownFormatIsAUsageError() throws Exception {
        Cli.Run run = Cli.run("lint", "--policy", write("p.acl", "").toString(), "--format", "xml");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("topicguard lint: Invalid value for option '--format': unknown format 'xml'; expected text, json or sarif\n");
    }

    /**
     * The properties the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) requires of what we write:
     * sarifLog {version, runs}, run {tool}, tool {driver}, toolComponent {name}, reportingDescriptor
     * {id}, result {message}, message {text}; and the values it constrains: the version, the level
     * and columnKind enums, 1-based startLine/startColumn, and ruleIndex pointing at the rule named by ruleId.
     */
    private static void assertValidSarif(JsonNode log) {
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("$schema").asText()).isEqualTo(SarifLog.SCHEMA);
        assertThat(log.get("runs").isArray()).isTrue();
        for (JsonNode run : log.get("runs")) {
            JsonNode driver = run.get("tool").get("driver");
            assertThat(driver.get("name").asText()).isEqualTo("topicguard");
            JsonNode rules = driver.get("rules");
            assertThat(rules.isArray()).isTrue();
            assertThat(rules).hasSize(DiagnosticCode.values().length);
            rules.forEach(rule -> assertThat(rule.get("id").isTextual()).isTrue());
            assertThat(run.get("columnKind").asText()).isIn("utf16CodeUnits", "unicodeCodePoints");
            for (JsonNode result : run.get("results")) {
                assertThat(result.get("ruleId").isTextual()).isTrue();
                assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(result.get("ruleId").asText());
                assertThat(result.get("level").asText()).isIn(Set.of("none", "note", "warning", "error"));
                assertThat(result.get("message").get("text").asText()).isNotBlank();
                for (JsonNode location : result.get("locations")) {
                    JsonNode physical = location.get("physicalLocation");
                    assertThat(physical.get("artifactLocation").get("uri").asText()).isNotBlank().doesNotContain("\\", " ");
                    assertThat(physical.get("region").get("startLine").asInt()).isPositive();
                    assertThat(physical.get("region").get("startColumn").asInt()).isPositive();
                }
            }
        }
    }
}
