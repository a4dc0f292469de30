package io.topicguard.cli;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.acltest.AclTestFile;
import io.topicguard.dsl.acltest.AclTestParser;
import io.topicguard.dsl.acltest.AclTestResult;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import io.topicguard.engine.acltest.PolicyTests;
import io.topicguard.engine.acltest.RuleCoverage;
import io.topicguard.engine.acltest.TestOutcome;
import io.topicguard.engine.acltest.TestReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code topicguard test} (issue 21): runs the expectations of {@code *.acltest} files against a
 * policy, prints each failure located in its test file, a summary and which rules decided.
 */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Run the expectations of test files (.acltest) against a policy.",
                "Prints each failed expectation as TESTFILE:LINE:COL with what was expected and what the policy answered,",
                "a summary (\"N passed, M failed\") and the rule coverage: how many expectations each rule decided."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:every expectation passed (and coverage reached --coverage-min)",
                "1:an expectation failed, or coverage is below --coverage-min",
                "2:a test file or the policy has errors, or a usage error"})
public final class TestCommand implements Callable<Integer> {

    static final int EXIT_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Option(names = "--coverage-min", paramLabel = "PCT",
            description = "Fail when fewer than PCT percent of the rules decided an expectation (0 to 100).")
    Double coverageMin;

    @Parameters(arity = "1..*", paramLabel = "TESTS", description = "Test files (.acltest).")
    List<Path> tests;

    @Override
    public Integer call() {
        if (coverageMin != null && !(coverageMin >= 0 && coverageMin <= 100)) {
            throw new ParameterException(spec.commandLine(), "--coverage-min must be between 0 and 100, got " + coverageMin);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<AclTestFile> files = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (Path test : tests) {
            AclTestResult parsed = AclTestParser.parseFile(test);
            if (parsed instanceof AclTestResult.Success ok) {
                files.add(ok.file());
            } else {
                problems.addAll(((AclTestResult.Failure) parsed).diagnostics());
            }
        }
        // Test files are reported before the policy is loaded: both kinds of error show in one run.
        PolicyFiles.printDiagnostics(problems, err);
        Policy loaded = PolicyFiles.load(policy.file(), policy.format(), err);
        if (loaded == null || !problems.isEmpty()) {
            return TopicguardCommand.EXIT_USAGE;
        }
        TestReport report = PolicyTests.run(loaded, files);
        for (TestOutcome failure : report.failures()) {
            printFailure(failure, out);
        }
        out.println(report.passed() + " passed, " + report.failed() + " failed");
        RuleCoverage coverage = report.coverage();
        printCoverage(coverage, out);
        boolean belowMinimum = coverageMin != null && coverage.covered() * 100.0 < coverageMin * coverage.rules().size();
        if (belowMinimum) {
            out.println("rule coverage " + percent(coverage.percent()) + " is below --coverage-min " + percent(coverageMin));
        }
        return report.failed() > 0 || belowMinimum ? EXIT_FAILED : 0;
    }

    private static void printFailure(TestOutcome failure, PrintWriter out) {
        out.println(failure.describe());
        for (String line : failure.expectation().text().split("\r?\n", -1)) {
            out.println("    " + line);
        }
        Decision decision = failure.decision();
        if (decision.statement() != null) {
            out.println("  decided by: " + oneLine(decision.statement()));
        }
    }

    /**
     * <pre>
     * rule coverage: 11 of 12 rules decided an expectation (91.6%)
     *   examples/policy.acl:22  3      deny all to subscribe eq "#", eq "+/#"
     *   examples/policy.acl:40  never  allow username "x" to publish "y"
     * </pre>
     */
    private static void printCoverage(RuleCoverage coverage, PrintWriter out) {
        out.println("rule coverage: " + coverage.covered() + " of " + coverage.rules().size() + " rules decided an expectation ("
                + percent(coverage.percent()) + ")");
        int width = coverage.rules().stream().mapToInt(u -> u.rule().sourceLine().length()).max().orElse(0);
        for (RuleCoverage.RuleUse use : coverage.rules()) {
            String where = use.rule().sourceLine();
            String count = use.decided() == 0 ? "never" : String.valueOf(use.decided());
            out.println("  " + where + " ".repeat(width - where.length()) + "  " + count + " ".repeat(Math.max(1, 7 - count.length()))
                    + oneLine(use.rule().statement()));
        }
    }

    /** Percent with one decimal, rounded down so 99.96 % never shows as a passing "100%". */
    static String percent(double value) {
        double down = Math.floor(value * 10) / 10;
        String text = String.format(Locale.ROOT, "%.1f", down);
        return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + "%";
    }

    private static String oneLine(String statement) {
        return statement == null ? "" : statement.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
