package io.topicguard.cli;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.imports.ImportResult;
import io.topicguard.dsl.imports.PolicyImporter;
import io.topicguard.auth.config.ConfigException;
import io.topicguard.engine.lint.PolicyLinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code topicguard lint} (docs/language.md, Errors; docs/cli.md): errors reject the policy (status 2); warnings are
 * printed but never fail it (status 0). {@code --format json|sarif} (issue 21) writes the same
 * diagnostics, each with its {@link io.topicguard.engine.lint.DiagnosticCode}, for machines.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {
                "Check a policy: errors and warnings go to standard error (FILE:LINE:COL with the line and a caret),",
                "a one-line summary (\"policy.acl: 12 rules, 2 warnings\") to standard output.",
                "With --format json or sarif, every diagnostic with its stable code (TG001, TG101...) goes to standard output instead."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the policy loads (warnings allowed)",
                "2:the policy has errors, or a usage error"})
public final class LintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Option(names = "--format", paramLabel = "FORMAT", converter = LintFormat.Converter.class, defaultValue = "text",
            description = "text (default): for people, on standard error, with a summary on standard output; "
                    + "json or sarif (SARIF 2.1.0): every diagnostic with its stable code, on standard output only.")
    LintFormat format;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The broker's configuration file (topicguard.yaml): also warn (TG108) when an authenticator in it can "
                    + "carry rules (jwt, http) but the policy has no 'client rules' statement to place them, and, when it "
                    + "configures the decision service (http:), (TG110) at every qos or retain option mosquitto cannot enforce.")
    Path config;

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
        LintConfiguration served = new LintConfiguration(List.of(), false);
        if (config != null) {
            try {
                served = LintConfiguration.read(config);
            } catch (ConfigException e) {
                e.problems().forEach(err::println);
                return TopicguardCommand.EXIT_USAGE;
            }
        }
        ImportResult imported = PolicyImporter.parse(policyFile, policy.format());
        ParseResult result = imported.result();
        if (result instanceof ParseResult.Failure failure) {
            if (format != LintFormat.TEXT) {
                out.print(machineReadable(failure.diagnostics()));
                return TopicguardCommand.EXIT_USAGE;
            }
            PolicyFiles.printDiagnostics(failure.diagnostics(), err);
            err.println(policyFile + ": " + PolicyFiles.errorCount(failure.diagnostics()) + ", the policy is rejected");
            return TopicguardCommand.EXIT_USAGE;
        }
        PolicyAst ast = ((ParseResult.Success) result).policy();
        // Import warnings first: where the source broker (mosquitto, EMQX) decides differently.
        List<Diagnostic> warnings = new ArrayList<>(imported.warnings());
        warnings.addAll(PolicyLinter.lint(ast, Clock.systemUTC())); // bans expire by the wall clock, as at connect
        warnings.addAll(served.warnings(ast));
        if (format != LintFormat.TEXT) {
            out.print(machineReadable(warnings));
            return 0;
        }
        PolicyFiles.printDiagnostics(warnings, err);
        out.println(policyFile + ": " + count(ast.rules().size(), "rule") + ", " + count(warnings.size(), "warning"));
        return 0;
    }

    private String machineReadable(List<Diagnostic> diagnostics) {
        if (format == LintFormat.JSON) {
            return DiagnosticJson.document(diagnostics);
        }
        String version = spec.root().version()[0].replace("topicguard ", "");
        return SarifLog.document(diagnostics, version);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
