package io.topicguard.dsl.source;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ast.SourcePosition;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of one parse, across all files, in the order they are found.
 *
 * <p>Every problem of a file is reported (docs/language.md, Errors), but a binary file can hold millions of
 * them; after {@link #LIMIT} errors one final diagnostic says the rest were not reported and
 * {@link #full()} tells the reader to stop, as compilers do.
 */
public final class DiagnosticSink {

    /** Errors reported before giving up on the rest. */
    public static final int LIMIT = 1000;

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private int errors;

    public void add(Diagnostic diagnostic) {
        if (full()) {
            return;
        }
        if (errors == LIMIT) {
            SourcePosition p = diagnostic.position();
            diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, p,
                    "too many errors; stopped after " + LIMIT, "", "fix the errors above and run again"));
            errors++;
            return;
        }
        diagnostics.add(diagnostic);
        if (diagnostic.severity() == Diagnostic.Severity.ERROR) {
            errors++;
        }
    }

    /** Whether the limit was reached and nothing more will be recorded. */
    public boolean full() {
        return errors > LIMIT;
    }

    public int errorCount() {
        return errors;
    }

    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }
}
