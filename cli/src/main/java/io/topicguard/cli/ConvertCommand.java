package io.topicguard.cli;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.dsl.imports.ImportResult;
import io.topicguard.dsl.imports.NativePrinter;
import io.topicguard.dsl.imports.PolicyImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code topicguard convert --from mosquitto|emqx FILE} (issue 6): prints the equivalent native
 * policy on standard output, each rule after a comment naming the original file and line;
 * warnings about readings that differ from the source broker go to standard error.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {
                "Convert a mosquitto acl_file or an EMQX acl.conf into a topicguard policy, printed on standard output.",
                "Each rule is preceded by a comment with the original FILE:LINE; warnings about behaviour that differs",
                "from the source broker go to standard error. See docs/migration.md."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:converted (warnings allowed)",
                "2:the file has errors, or a usage error"})
public final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "FORMAT", converter = PolicyFormatConverter.class,
            description = "The format of FILE: mosquitto, emqx or native. Default: chosen from the file name "
                    + "(*.conf: emqx; *.aclfile, acl_file or a name containing 'mosquitto': mosquitto; otherwise native).")
    PolicyFormat from;

    @Parameters(index = "0", paramLabel = "FILE", description = "The rule file to convert.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = PolicyFiles.openProblem(file);
        if (problem != null) {
            err.println(problem.replace("policy file", "rule file"));
            return TopicguardCommand.EXIT_USAGE;
        }
        PolicyFormat format = from != null ? from : PolicyFormat.forFile(file);
        ImportResult imported = PolicyImporter.parse(file, format);
        PolicyFiles.printDiagnostics(imported.warnings(), err);
        if (imported.result() instanceof ParseResult.Failure failure) {
            PolicyFiles.printDiagnostics(failure.diagnostics(), err);
            err.println(file + ": " + PolicyFiles.errorCount(failure.diagnostics()) + ", nothing converted");
            return TopicguardCommand.EXIT_USAGE;
        }
        out.println("# Converted by topicguard from " + file + " (" + describe(format) + ").");
        out.println("# Rules decide first-match, in this order; see docs/migration.md for what differs.");
        if (format == PolicyFormat.MOSQUITTO) {
            out.println("# mosquitto denies what no line grants: topicguard's default (default deny).");
        }
        out.print(NativePrinter.print(((ParseResult.Success) imported.result()).policy()));
        return 0;
    }

    private static String describe(PolicyFormat format) {
        return switch (format) {
            case MOSQUITTO -> "mosquitto acl_file";
            case EMQX -> "EMQX acl.conf";
            case NATIVE -> "topicguard policy";
        };
    }
}
