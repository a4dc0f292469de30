package io.topicguard.cli;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.imports.PolicyImporter;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;
import io.topicguard.engine.diff.AccessChanges;
import io.topicguard.engine.diff.StatementChanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code topicguard diff OLD NEW} (issue 21): what a change to a policy does to access. The
 * statements added, removed and moved; the questions whose answers change for sample clients of
 * the who-groups that changed; with {@code --queries}, every recorded query answered differently.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Show what changes for access between two versions of a policy:",
                "statements added, removed and moved (first match decides, so a move can change answers);",
                "for each who-group whose statements changed, the questions of sample clients whose answers change",
                "(on the topics of every rule of both versions); with --queries, every query answered differently."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:no answer changes",
                "1:some answer changes",
                "2:a policy or the queries file has errors, or a usage error"})
public final class DiffCommand implements Callable<Integer> {

    static final int EXIT_CHANGED = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The policy before the change.")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The policy after the change.")
    Path newFile;

    @Option(names = "--queries", paramLabel = "FILE",
            description = "JSON Lines queries as check --batch reads them (e.g. captured from traffic): report each answered differently.")
    Path queries;

    @Option(names = "--format", paramLabel = "FORMAT", converter = DiffFormat.Converter.class, defaultValue = "text",
            description = "text (default): a table for people; json: one document for machines.")
    DiffFormat format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Loaded before = load(oldFile, err);
        Loaded after = load(newFile, err);
        List<QueryChanges.Change> queryChanges = List.of();
        if (queries != null) {
            String problem = PolicyFiles.openProblem(queries);
            if (problem != null) {
                err.println(problem.replace("policy file", "queries file"));
                return TopicguardCommand.EXIT_USAGE;
            }
            if (before == null || after == null) {
                return TopicguardCommand.EXIT_USAGE;
            }
            try {
                QueryChanges.Result result = QueryChanges.between(queries, before.policy, after.policy);
                if (!result.malformed().isEmpty()) {
                    result.malformed().forEach(err::println);
                    return TopicguardCommand.EXIT_USAGE;
                }
                queryChanges = result.changes();
            } catch (IOException e) {
                err.println(queries + ": error: cannot read queries: " + e.getMessage());
                return TopicguardCommand.EXIT_USAGE;
            }
        }
        if (before == null || after == null) {
            return TopicguardCommand.EXIT_USAGE;
        }
        StatementChanges statements = StatementChanges.between(before.ast, after.ast);
        AccessChanges.Result access = AccessChanges.between(before.ast, before.policy, after.ast, after.policy, statements);
        DiffReport report = new DiffReport(statements, access, queryChanges, queries);
        out.print(format == DiffFormat.JSON ? report.json() : report.text());
        return access.changes().isEmpty() && queryChanges.isEmpty() ? 0 : EXIT_CHANGED;
    }

    private record Loaded(PolicyAst ast, Policy policy) {
    }

    /** Reads and compiles one version (native, mosquitto or EMQX by its name); null after printing why not. */
    private static Loaded load(Path file, PrintWriter err) {
        String problem = PolicyFiles.openProblem(file);
        if (problem != null) {
            err.println(problem);
            return null;
        }
        ParseResult result = PolicyImporter.parse(file, PolicyFormat.forFile(file)).result();
        if (result instanceof ParseResult.Failure failure) {
            PolicyFiles.printDiagnostics(failure.diagnostics(), err);
            return null;
        }
        PolicyAst ast = ((ParseResult.Success) result).policy();
        try {
            return new Loaded(ast, Policy.compile(ast));
        } catch (PolicyLoadException e) {
            PolicyFiles.printDiagnostics(e.diagnostics(), err);
            return null;
        }
    }
}
