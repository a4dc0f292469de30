package io.topicguard.cli;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.imports.ImportResult;
import io.topicguard.dsl.imports.PolicyImporter;
import io.topicguard.engine.lint.PolicyLinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code topicguard lint} (docs/language.md, Errors; docs/cli.md): errors reject the policy (status 2); warnings are
 * printed but never fail it (status 0).
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {
                "Check a policy: errors and warnings go to standard error (FILE:LINE:COL with the line and a caret),",
                "a one-line summary (\"policy.acl: 12 rules, 2 warnings\") to standard output."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the policy loads (warnings allowed)",
                "2:the policy has errors, or a usage error"})
public final class LintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path policyFile = policy.file();
        String problem = PolicyFiles.openProblem(policyFile);
        if (problem != null) {
            err.println(problem);
            return TopicguardCommand.EXIT_USAGE;
        }
        ImportResult imported = PolicyImporter.parse(policyFile, policy.format());
        ParseResult result = imported.result();
        if (result instanceof ParseResult.Failure failure) {
            PolicyFiles.printDiagnostics(failure.diagnostics(), err);
            err.println(policyFile + ": " + PolicyFiles.errorCount(failure.diagnostics()) + ", the policy is rejected");
            return TopicguardCommand.EXIT_USAGE;
        }
        PolicyAst ast = ((ParseResult.Success) result).policy();
        // Import warnings first: where the source broker (mosquitto, EMQX) decides differently.
        List<Diagnostic> warnings = new ArrayList<>(imported.warnings());
        warnings.addAll(PolicyLinter.lint(ast, Clock.systemUTC())); // bans expire by the wall clock, as at connect
        PolicyFiles.printDiagnostics(warnings, err);
        out.println(policyFile + ": " + count(ast.rules().size(), "rule") + ", " + count(warnings.size(), "warning"));
        return 0;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
