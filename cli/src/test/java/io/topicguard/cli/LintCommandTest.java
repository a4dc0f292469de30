package io.topicguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topicguard lint}: warnings never fail a policy, errors do (docs/language.md, Errors; docs/cli.md). */
class LintCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void cleanPolicyPrintsTheSummaryAndExitsZero() throws Exception {
        Path file = write("clean.acl", "default deny\nanonymous deny\nallow username \"meter\" to publish \"site/meter/reading\"\n");

        Cli.Run run = Cli.run("lint", "--policy", file.toString());

        assertThat(run.err()).as("%s", run).isEmpty();
        assertThat(run.out()).isEqualTo(file + ": 1 rule, 0 warnings\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void warningsArePrintedLocatedAndCountedButDoNotFail() throws Exception {
        Path file = write("open.acl", "default allow\nanonymous allow\nallow all to publish \"a/b\"\ndeny all to publish \"x/y\"\n");

        Cli.Run run = Cli.run("lint", "--policy", file.toString());

        assertThat(run.status()).as("%s", run).isZero();
        Matcher summary = Pattern.compile(Pattern.quote(file.toString()) + ": 2 rules, (\\d+) warnings?\n").matcher(run.out());
        assertThat(summary.matches()).as("summary line: %s", run.out()).isTrue();
        long printed = Pattern.compile("(?m)^" + Pattern.quote(file.toString()) + ":\\d+:\\d+: warning: ").matcher(run.err()).results().count();
        assertThat(printed).as("default allow and anonymous allow are warned about").isGreaterThanOrEqualTo(2);
        assertThat(Long.parseLong(summary.group(1))).isEqualTo(printed);
        assertThat(run.err()).contains(file + ":1:1: warning: ").contains(file + ":2:1: warning: ");
    }

    @Test
    void errorsArePrintedWithCaretsAndExitTwo() throws Exception {
        Path file = write("bad.acl", "default deny\ndefault allow\nallow all to publish qos 7 \"a\"\n");

        Cli.Run run = Cli.run("lint", "--policy", file.toString());

        assertThat(run.status()).as("%s", run).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).containsPattern("(?m)^" + Pattern.quote(file.toString()) + ":\\d+:\\d+: error: ")
                .contains(file + ":2:1: error: 'default' is set twice; first set at line 1\n    default allow\n    ^\n")
                .containsPattern("(?m)^ +\\^$")
                .endsWith(file + ": 2 errors, the policy is rejected\n");
    }

    @Test
    void missingPolicyFileExitsTwoNamingIt() {
        Path missing = dir.resolve("absent.acl");
        Cli.Run run = Cli.run("lint", "--policy", missing.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(missing + ": error: policy file not found\n");
    }

    @Test
    void directoryAsPolicyExitsTwoNamingIt() {
        Cli.Run run = Cli.run("lint", "--policy", dir.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(dir + ": error: is a directory, not a policy file\n");
    }

    @Test
    void missingPolicyOptionIsAUsageError() {
        Cli.Run run = Cli.run("lint");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("topicguard lint: Missing required option: '--policy=FILE'");
    }

    @Test
    void withAConfigurationThatCarriesRulesAPolicyWithoutClientRulesIsWarnedAbout() throws Exception {
        Path policy = write("policy.acl", "allow all to subscribe \"public/#\"\n");
        Path config = write("topicguard.yaml", """
                policy: policy.acl
                authentication:
                  - jwt: {secret: "a-secret-that-is-32-bytes-long!!"}
                  - http: {url: "http://127.0.0.1:1/auth"}
                """);

        Cli.Run run = Cli.run("lint", "--policy", policy.toString(), "--config", config.toString());

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.err()).startsWith(policy + ":1:1: warning: the policy has no 'client rules' statement, so the rules"
                + " the jwt and http authenticators can carry are ignored\n");
        assertThat(run.out()).isEqualTo(policy + ": 1 rule, 1 warning\n");
        Cli.Run json = Cli.run("lint", "--policy", policy.toString(), "--config", config.toString(), "--format", "json");
        assertThat(json.out()).contains("TG108");

        Files.writeString(policy, "client rules\nallow all to subscribe \"public/#\"\n");
        assertThat(Cli.run("lint", "--policy", policy.toString(), "--config", config.toString()).out())
                .isEqualTo(policy + ": 1 rule, 0 warnings\n");
    }

    @Test
    void withTheDecisionServiceConfiguredQosAndRetainOptionsAreWarnedAboutForMosquitto() throws Exception {
        Path policy = write("policy.acl", "allow all to subscribe \"public/#\"\nallow all to publish \"t/#\" qos 0..1\n");
        Path service = write("service.yaml", "policy: policy.acl\nhttp: {port: 8090}\n");
        Path broker = write("broker.yaml", "policy: policy.acl\n");

        Cli.Run run = Cli.run("lint", "--policy", policy.toString(), "--config", service.toString());

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.err()).startsWith(policy + ":2:1: warning: mosquitto-go-auth asks without a QoS or retain flag, so for"
                + " mosquitto this rule's qos option is not enforced");
        assertThat(run.out()).isEqualTo(policy + ": 2 rules, 1 warning\n");
        assertThat(Cli.run("lint", "--policy", policy.toString(), "--config", service.toString(), "--format", "json").out())
                .contains("\"code\":\"TG110\",\"name\":\"options-unenforced-for-mosquitto\"");
        assertThat(Cli.run("lint", "--policy", policy.toString(), "--config", broker.toString()).out())
                .as("a broker's configuration: the broker enforces both options").isEqualTo(policy + ": 2 rules, 0 warnings\n");
    }

    @Test
    void aConfigurationWithoutRuleCarriersAddsNoWarningAndABrokenOneExitsTwo() throws Exception {
        Path policy = write("policy.acl", "allow all to subscribe \"public/#\"\n");
        write("passwd", "");
        Path config = write("topicguard.yaml", "authentication:\n  - password-file: passwd\n");
        assertThat(Cli.run("lint", "--policy", policy.toString(), "--config", config.toString()).out())
                .isEqualTo(policy + ": 1 rule, 0 warnings\n");

        Path broken = write("broken.yaml", "authentication:\n  - jwtt: {}\n");
        Cli.Run run = Cli.run("lint", "--policy", policy.toString(), "--config", broken.toString());
        assertThat(run.status()).as("%s", run).isEqualTo(2);
        assertThat(run.err()).startsWith(broken + ":2:");
    }
}
