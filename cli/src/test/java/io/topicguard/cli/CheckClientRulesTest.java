package io.topicguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check --client-rules}: an operator sees a carried rule decide, named {@code client rule #N (source)}. */
class CheckClientRulesTest {

    private static final String RULES = """
            [{"permission": "allow", "action": "publish", "topic": "devices/${clientid}/up"},
             {"permission": "deny", "action": "publish", "topic": "cmd/#"}]""";

    @TempDir
    Path dir;

    private Path policy(String text) throws Exception {
        return Files.writeString(dir.resolve("policy.acl"), text);
    }

    @Test
    void aCarriedRuleDecidesAtTheStatementAndIsExplained() throws Exception {
        Path policy = policy("deny all to publish \"admin/#\"\nclient rules\nallow all to publish \"cmd/#\"\n");

        Cli.Run run = Cli.run("check", "--policy", policy.toString(), "--username", "u", "--clientid", "d1",
                "--publish", "cmd/reboot", "--client-rules", RULES, "--explain");

        assertThat(run.out()).as("%s", run).isEqualTo("""
                deny
                reason: rule
                source: %s:2
                statement: client rule #2 (jwt): deny publish cmd/#
                """.formatted(policy));
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void rulesFromAFileAreNamedAfterTheirSource() throws Exception {
        Path policy = policy("client rules\n");
        Path rules = Files.writeString(dir.resolve("acl.json"), "{\"pub\": [\"devices/${clientid}/up\"]}");

        Cli.Run run = Cli.run("check", "--policy", policy.toString(), "--username", "u", "--clientid", "d1",
                "--publish", "devices/d1/up", "--client-rules-file", rules.toString(), "--client-rules-source", "http", "--explain");

        assertThat(run.out()).as("%s", run).contains("allow\n").contains("statement: client rule #1 (http): allow publish devices/${clientid}/up\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void aPolicyWithoutTheStatementIgnoresThemAndSaysSo() throws Exception {
        Path policy = policy("allow all to publish \"x\"\n");

        Cli.Run run = Cli.run("check", "--policy", policy.toString(), "--username", "u", "--clientid", "d1",
                "--publish", "devices/d1/up", "--client-rules", RULES, "--explain");

        assertThat(run.out()).as("%s", run).startsWith("deny\nreason: default\n")
                .endsWith("note: the policy has no 'client rules' statement, so the carried rules were ignored\n");
    }

    @Test
    void unusableRulesAreAUsageErrorNamingTheRule() throws Exception {
        Path policy = policy("client rules\n");

        Cli.Run bad = Cli.run("check", "--policy", policy.toString(), "--publish", "a", "--username", "u",
                "--client-rules", "[{\"permission\": \"allow\", \"action\": \"publish\", \"topic\": \"a/#/b\"}]");
        assertThat(bad.status()).as("%s", bad).isEqualTo(2);
        assertThat(bad.err()).contains("--client-rules: rule #1: topic \"a/#/b\"");

        Cli.Run notJson = Cli.run("check", "--policy", policy.toString(), "--publish", "a", "--username", "u", "--client-rules", "[{");
        assertThat(notJson.status()).isEqualTo(2);
        assertThat(notJson.err()).contains("--client-rules: not JSON");

        Cli.Run batch = Cli.run("check", "--policy", policy.toString(), "--batch", "--client-rules", "[]");
        assertThat(batch.status()).isEqualTo(2);
        assertThat(batch.err()).contains("it takes no --client-rules");
    }
}
