package io.topicguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topicguard test}: failures located in the test file, the summary, rule coverage, exit 0/1/2. */
class TestCommandTest {

    private static final String EXAMPLE_POLICY = Path.of("..", "examples", "policy.acl").toString();
    private static final String EXAMPLE_TESTS = Path.of("..", "examples", "policy.acltest").toString();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theExampleTestsPassWithEveryRuleCovered() {
        Cli.Run run = Cli.run("test", "--policy", EXAMPLE_POLICY, "--coverage-min", "100", EXAMPLE_TESTS);

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("31 passed, 0 failed\nrule coverage: 11 of 11 rules decided an expectation (100%)\n")
                .contains("\n  " + Path.of("..", "examples", "tenants", "globex.acl") + ":5  1      allow cn ~ \"\\\\.globex\\\\.example$\" and listener \"tls\" to publish \"tenants/globex/devices/${cn}/up\"\n")
                .doesNotContain("never");
    }

    @Test
    void aFailedExpectationIsPrintedWithItsStatementAndTheDecidingOneAndExitsOne() throws Exception {
        Path policy = write("policy.acl", "default deny\nanonymous deny\nallow username \"a\" to publish \"x/#\"\nallow username \"b\" to publish \"y\"\n");
        Path tests = write("p.acltest", """
                # two pass, one fails
                expect allow username "a" publish "x/1"
                expect allow username "a"
                       publish "y"     # a has no rule for y
                expect deny anonymous connect
                """);

        Cli.Run run = Cli.run("test", "--policy", policy.toString(), tests.toString());

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(tests + ":3:1: expected allow, got deny (default, " + policy + ":1)\n"
                + "    expect allow username \"a\"\n"
                + "           publish \"y\"\n"
                + "  decided by: default deny\n"
                + "2 passed, 1 failed\n"
                + "rule coverage: 1 of 2 rules decided an expectation (50%)\n"
                + "  " + policy + ":3  1      allow username \"a\" to publish \"x/#\"\n"
                + "  " + policy + ":4  never  allow username \"b\" to publish \"y\"\n");
    }

    @Test
    void coverageBelowTheMinimumFailsARunWhoseExpectationsAllPass() throws Exception {
        Path policy = write("policy.acl", "allow username \"a\" to publish \"x\"\nallow username \"b\" to publish \"y\"\nallow username \"c\" to publish \"z\"\n");
        Path tests = write("p.acltest", "expect allow username \"a\" publish \"x\"\n");

        Cli.Run atMinimum = Cli.run("test", "--policy", policy.toString(), "--coverage-min", "33.3", tests.toString());
        Cli.Run below = Cli.run("test", "--policy", policy.toString(), "--coverage-min", "34", tests.toString());

        assertThat(atMinimum.status()).as("%s", atMinimum).isZero();
        assertThat(below.status()).as("%s", below).isEqualTo(1);
        assertThat(below.out()).startsWith("1 passed, 0 failed\nrule coverage: 1 of 3 rules decided an expectation (33.3%)\n")
                .endsWith("rule coverage 33.3% is below --coverage-min 34%\n");
    }

    @Test
    void malformedTestFilesAndPolicyAreAllReportedAndExitTwoWithoutRunning() throws Exception {
        Path policy = write("policy.acl", "default maybe\n");
        Path first = write("a.acltest", "expect allow username \"a\" publsh \"x\"\n");
        Path second = write("b.acltest", "expect allow username \"a\" publish \"x\" qos 5\n");

        Cli.Run run = Cli.run("test", "--policy", policy.toString(), first.toString(), second.toString());

        assertThat(run.status()).as("%s", run).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(first + ":1:27: error: expected a client attribute")
                .contains("  hint: did you mean 'publish'?")
                .contains(second + ":1:43: error: QoS is 0, 1 or 2, got 5\n    expect allow username \"a\" publish \"x\" qos 5\n                                              ^\n")
                .contains(policy + ":1:9: error: expected 'allow' or 'deny' after 'default'");
    }

    @Test
    void aMissingTestFileOrABadMinimumIsAnErrorWithStatusTwo() {
        Cli.Run missing = Cli.run("test", "--policy", EXAMPLE_POLICY, dir.resolve("none.acltest").toString());
        Cli.Run badMinimum = Cli.run("test", "--policy", EXAMPLE_POLICY, "--coverage-min", "120", EXAMPLE_TESTS);
        Cli.Run noTests = Cli.run("test", "--policy", EXAMPLE_POLICY);

        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo(dir.resolve("none.acltest") + ":1:1: error: cannot read test file: no such file\n");
        assertThat(badMinimum.status()).isEqualTo(2);
        assertThat(badMinimum.err()).startsWith("topicguard test: --coverage-min must be between 0 and 100, got 120.0\n");
        assertThat(noTests.status()).isEqualTo(2);
        assertThat(noTests.err()).startsWith("topicguard test: Missing required parameter: 'TESTS'\n");
    }

    @Test
    void percentagesRoundDownSoAlmostAllIsNeverShownAsAll() {
        assertThat(TestCommand.percent(100)).isEqualTo("100%");
        assertThat(TestCommand.percent(99.96)).isEqualTo("99.9%");
        assertThat(TestCommand.percent(100.0 / 3)).isEqualTo("33.3%");
        assertThat(TestCommand.percent(0)).isEqualTo("0%");
    }
}
