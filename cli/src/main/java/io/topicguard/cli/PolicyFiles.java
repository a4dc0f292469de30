package io.topicguard.cli;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loading a policy for a command, with every diagnostic printed as docs/language.md, Errors shows it. */
final class PolicyFiles {

    private PolicyFiles() {
    }

    /**
     * Why the policy file itself cannot be opened, in the diagnostic form {@code FILE: error: ...},
     * or null when it can. Problems inside the file and its includes are the parser's to report.
     */
    static String openProblem(Path file) {
        if (!Files.exists(file)) {
            return file + ": error: policy file not found";
        }
        if (Files.isDirectory(file)) {
            return file + ": error: is a directory, not a policy file";
        }
        if (!Files.isReadable(file)) {
            return file + ": error: policy file cannot be read: permission denied";
        }
        return null;
    }

    /**
     * Loads and compiles {@code file} in {@code format} (issue 6); on failure prints the
     * diagnostics to {@code err} and returns null.
     */
    static Policy load(Path file, PolicyFormat format, PrintWriter err) {
        String problem = openProblem(file);
        if (problem != null) {
            err.println(problem);
            return null;
        }
        try {
            return Policy.load(file, format);
        } catch (PolicyLoadException e) {
            printDiagnostics(e.diagnostics(), err);
            return null;
        }
    }

    static void printDiagnostics(List<Diagnostic> diagnostics, PrintWriter err) {
        for (Diagnostic diagnostic : diagnostics) {
            err.println(diagnostic.format());
        }
    }

    /** "1 error", "3 errors": how many of {@code diagnostics} are errors, for a command's summary line. */
    static String errorCount(List<Diagnostic> diagnostics) {
        long n = diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
        return n + " error" + (n == 1 ? "" : "s");
    }
}
