package io.topicguard.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topicguard check --batch}: JSON Lines in, one JSON answer line per query out (docs/cli.md). */
class BatchCheckTest {

    @TempDir
    Path dir;
    Path policy;

    @BeforeEach
    void writePolicy() throws Exception {
        policy = dir.resolve("policy.acl");
        Files.writeString(policy, CheckCommandTest.POLICY);
    }

    private Cli.Run batch(String... lines) {
        return Cli.runWithStdin(String.join("\n", lines) + "\n", "check", "--policy", policy.toString(), "--batch");
    }

    private String answer(String decision, String reason, Integer line) {
        String source = line == null ? "null" : "\"" + policy + ":" + line + "\"";
        return "{\"decision\":\"" + decision + "\",\"reason\":\"" + reason + "\",\"source\":" + source + "}";
    }

    @Test
    void answersEveryQueryInOrderWithDecisionReasonAndSource() {
        Cli.Run run = batch(
                "{\"username\":\"alice\",\"clientid\":\"dev1\",\"ip\":\"10.0.0.1\",\"cn\":null,\"listener\":null,\"action\":\"publish\",\"topic\":\"devices/dev1/up\",\"qos\":0,\"retain\":false}",
                "{\"username\":\"alice\",\"clientid\":\"dev1\",\"action\":\"publish\",\"topic\":\"devices/dev2/up\"}",
                "{\"username\":\"alice\",\"action\":\"subscribe\",\"topic\":\"fleet/#\",\"qos\":1}",
                "{\"clientid\":\"x\",\"action\":\"connect\"}",
                "{\"username\":\"alice\",\"clientid\":\"mallory-1\",\"action\":\"subscribe\",\"topic\":\"devices/mallory-1/#\"}",
                "{\"username\":\"admin\",\"ip\":\"127.0.0.1\",\"action\":\"publish\",\"topic\":\"x\"}",
                "{\"username\":\"alice\",\"action\":\"publish\",\"topic\":\"a/#\"}");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(String.join("\n",
                answer("allow", "rule", 5),
                answer("deny", "default", 1),
                answer("partial", "rule", 8),
                answer("deny", "anonymous", 2),
                answer("deny", "banned", 4),
                answer("allow", "superuser", 3),
                answer("deny", "invalid", null),
                ""));
    }

    @Test
    void malformedLinesGetAnErrorAndTheRunGoesOn() {
        Cli.Run run = batch(
                "{\"username\":\"alice\",\"action\":\"connect\"}",
                "this is not json",
                "{\"username\":\"alice\",\"action\":\"jump\"}",
                "{\"username\":\"alice\",\"action\":\"publish\"}",
                "{\"username\":\"alice\",\"action\":\"connect\",\"ip\":\"not-an-ip\"}",
                "{\"username\":\"alice\",\"action\":\"publish\",\"topic\":\"a\",\"qos\":7}",
                "{\"username\":\"alice\",\"action\":\"connect\"}");

        String[] lines = run.out().split("\n", -1);
        assertThat(run.status()).as("%s", run).isZero();
        assertThat(lines).hasSize(8);
        assertThat(lines[0]).startsWith("{\"decision\":\"allow\",");
        assertThat(lines[1]).startsWith("{\"error\":\"line 2: not valid JSON: ");
        assertThat(lines[2]).isEqualTo("{\"error\":\"line 3: unknown action \\\"jump\\\" (expected connect, publish or subscribe)\"}");
        assertThat(lines[3]).isEqualTo("{\"error\":\"line 4: missing \\\"topic\\\" for action \\\"publish\\\"\"}");
        assertThat(lines[4]).isEqualTo("{\"error\":\"line 5: \\\"ip\\\" is not an IPv4 or IPv6 address literal: \\\"not-an-ip\\\" (host names are not resolved)\"}");
        assertThat(lines[5]).isEqualTo("{\"error\":\"line 6: \\\"qos\\\" must be 0, 1 or 2, got 7\"}");
        assertThat(lines[6]).isEqualTo(lines[0]);
        assertThat(lines[7]).isEmpty();
    }

    @Test
    void blankLinesAreSkippedAndLineNumbersCountThem() {
        Cli.Run run = batch("", "   ", "{\"action\":\"fly\"}");

        assertThat(run.out()).isEqualTo("{\"error\":\"line 3: unknown action \\\"fly\\\" (expected connect, publish or subscribe)\"}\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void emptyInputAnswersNothingAndSucceeds() {
        Cli.Run run = Cli.runWithStdin("", "check", "--policy", policy.toString(), "--batch");

        assertThat(run.out()).isEmpty();
        assertThat(run.status()).isZero();
    }

    @Test
    void crlfInputAndUnicodeTopicsAreHandled() throws Exception {
        Files.writeString(policy, "allow username \"ü\" to publish \"wetter/zürich\"\n");
        Cli.Run run = Cli.runWithStdin("{\"username\":\"ü\",\"action\":\"publish\",\"topic\":\"wetter/zürich\"}\r\n",
                "check", "--policy", policy.toString(), "--batch");

        assertThat(run.out()).as("%s", run).isEqualTo(answer("allow", "rule", 1) + "\n");
    }

    @Test
    void policyErrorStopsTheRunBeforeReadingWithStatusTwo() throws Exception {
        Files.writeString(policy, "allow all to publish\n");

        Cli.Run run = batch("{\"action\":\"connect\"}");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(policy + ":");
    }
}
