package io.topicguard.engine.acltest;

import io.topicguard.dsl.acltest.AclTestFile;
import io.topicguard.dsl.acltest.AclTestParser;
import io.topicguard.dsl.acltest.AclTestResult;
import io.topicguard.dsl.acltest.Expectation;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PolicyTests}: expectations asked as {@code check} asks them, failures described, coverage by deciding rule. */
class PolicyTestsTest {

    private static final String POLICY = """
            default deny
            anonymous deny
            ban clientid "evil"
            superuser username "admin"
            allow all to publish "a/#"
            allow username "x" to publish "a/b"
            deny username "x" to subscribe "s/secret/#"
            allow username "x" to subscribe "s/#"
            allow username "never" to subscribe "n/#"
            """;

    private static AclTestFile tests(String text) {
        AclTestResult result = AclTestParser.parseString("p.acltest", text);
        assertThat(result).as("%s", result).isInstanceOf(AclTestResult.Success.class);
        return ((AclTestResult.Success) result).file();
    }

    private static TestReport run(String tests) throws Exception {
        return PolicyTests.run(Policy.fromString("p.acl", POLICY), tests(tests));
    }

    @Test
    void everyKindOfQuestionPassesWhenThePolicyAnswersAsExpected() throws Exception {
        TestReport report = run("""
                expect deny  anonymous connect                         because anonymous
                expect deny  username "x" clientid "evil" connect      because banned at "p.acl:3"
                expect deny  username "x" clientid "evil" publish "a/b" because banned
                expect allow username "admin" subscribe "#"            because superuser at "p.acl:4"
                expect allow username "x" publish "a/b" qos 2 retain   because rule at "p.acl:5"
                expect partial username "x" subscribe "s/#"
                expect allow username "x" subscribe "s/open/1"         at "p.acl:8"
                expect deny  username "x" subscribe "s/secret/1"       at "p.acl:7"
                expect deny  username "x" publish "b"                  because default
                expect deny  username "x" publish "a/+"                because invalid
                expect allow username "x" ip "10.0.0.1" cn "c" listener "tls" connect because default
                """);
        assertThat(report.failures()).extracting(TestOutcome::describe).isEmpty();
        assertThat(report.passed()).isEqualTo(11);
    }

    @Test
    void aFailureSaysWhatWasExpectedAndWhatThePolicyAnsweredWithItsDecidingLine() throws Exception {
        TestReport report = run("""
                expect allow username "x" publish "b"
                expect deny  username "x" publish "a/b"
                expect allow username "x" publish "a/b" because superuser
                expect allow username "x" publish "a/b" at "p.acl:6"
                expect allow username "x" publish "b" because default at "other.acl:1"
                expect deny  anonymous connect at "p.acl:1"
                """);
        assertThat(report.failed()).isEqualTo(6);
        assertThat(report.failures()).extracting(TestOutcome::describe).containsExactly(
                "p.acltest:1:1: expected allow, got deny (default, p.acl:1)",
                "p.acltest:2:1: expected deny, got allow (rule, p.acl:5)",
                "p.acltest:3:1: expected allow because superuser, got allow (rule, p.acl:5)",
                "p.acltest:4:1: expected allow at p.acl:6, got allow (rule, p.acl:5)",
                "p.acltest:5:1: expected allow because default at other.acl:1, got deny (default, p.acl:1)",
                "p.acltest:6:1: expected deny at p.acl:1, got deny (anonymous, p.acl:2)");
    }

    @Test
    void coverageCountsTheRulesThatDecidedNotThoseThatMerelyMatched() throws Exception {
        // "a/b" for username x matches rules 5 and 6, but rule 5 comes first and decides.
        TestReport report = run("""
                expect allow username "x" publish "a/b"
                expect allow username "y" publish "a/c"
                expect deny  username "x" subscribe "s/secret/1"
                expect allow username "admin" publish "z"
                expect deny  username "x" publish "z"
                """);
        RuleCoverage coverage = report.coverage();
        assertThat(coverage.rules()).extracting(use -> use.rule().sourceLine() + "=" + use.decided())
                .containsExactly("p.acl:5=2", "p.acl:6=0", "p.acl:7=1", "p.acl:8=0", "p.acl:9=0");
        assertThat(coverage.covered()).isEqualTo(2);
        assertThat(coverage.percent()).isEqualTo(40.0);
        assertThat(coverage.rules().get(1).rule().statement()).isEqualTo("allow username \"x\" to publish \"a/b\"");
    }

    @Test
    void aPolicyWithoutRulesIsFullyCoveredByAnyTests() throws Exception {
        TestReport report = PolicyTests.run(Policy.fromString("p.acl", "default allow"), tests("expect allow username \"u\" publish \"t\""));
        assertThat(report.coverage().rules()).isEmpty();
        assertThat(report.coverage().percent()).isEqualTo(100.0);
    }

    @Test
    void theExampleTestFileRunsFromDiskAsAJUnitTestWouldRunIt() throws Exception {
        Path examples = Path.of("..", "examples");
        TestReport report = PolicyTests.run(Policy.load(examples.resolve("policy.acl")), PolicyTests.read(examples.resolve("policy.acltest")));
        assertThat(report.failures()).extracting(TestOutcome::describe).isEmpty();
        assertThat(report.passed()).isEqualTo(31);
        assertThat(report.coverage().percent()).isEqualTo(100.0);
    }

    @Test
    void readingMalformedOrMissingFilesFailsWithEveryProblemFormatted(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.acltest"), "expect allow username \"u\" publish \"a\" qos 9\nexpect maybe connect\n");
        assertThatThrownBy(() -> PolicyTests.read(bad, dir.resolve("missing.acltest")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(bad + ":1:43: error: QoS is 0, 1 or 2, got 9\n"
                        + "    expect allow username \"u\" publish \"a\" qos 9\n"
                        + "                                              ^\n"
                        + bad + ":2:8: error: expected 'allow', 'deny' or 'partial' after 'expect', found unknown word 'maybe'\n"
                        + "    expect maybe connect\n"
                        + "           ^\n"
                        + dir.resolve("missing.acltest") + ":1:1: error: cannot read test file: no such file");
    }

    @Test
    void theTestLanguageNamesTheEnginesVerdictsAndReasons() {
        // The runner compares them by name: a verdict or reason added to one side only would never match.
        assertThat(Arrays.stream(Expectation.Verdict.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(Verdict.values()).map(Enum::name).toList());
        assertThat(Arrays.stream(Expectation.Reason.values()).map(Enum::name))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Reason.values()).map(Enum::name).toList());
    }
}
