package io.topicguard.dsl.imports.common;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.source.DiagnosticSink;
import io.topicguard.dsl.source.SourceText;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the errors and warnings of one import, located in the foreign file with its line for
 * the caret display (docs/language.md, Errors). Errors reject the import; warnings say where topicguard's
 * reading of the file may surprise someone used to the source broker.
 */
public final class ImportReporter {

    private final SourceText source;
    private final DiagnosticSink errors = new DiagnosticSink();
    private final List<Diagnostic> warnings = new ArrayList<>();

    public ImportReporter(SourceText source) {
        this.source = source;
    }

    public SourceText source() {
        return source;
    }

    public String displayName() {
        return source.displayName();
    }

    /** A position in the file; line and column are clamped to 1 so a damaged token never throws. */
    public SourcePosition position(int line, int column) {
        return new SourcePosition(source.displayName(), Math.max(1, line), Math.max(1, column));
    }

    public void error(int line, int column, String message, String hint) {
        SourcePosition at = position(line, column);
        errors.add(new Diagnostic(Diagnostic.Severity.ERROR, at, message, source.line(at.line()), hint));
    }

    public void warning(int line, int column, String message, String hint) {
        if (warnings.size() > DiagnosticSink.LIMIT) {
            return;
        }
        SourcePosition at = position(line, column);
        if (warnings.size() == DiagnosticSink.LIMIT) {
            // A generated file can warn on every line; as with errors, a thousand make the point.
            warnings.add(new Diagnostic(Diagnostic.Severity.WARNING, at, "too many warnings; stopped after " + DiagnosticSink.LIMIT,
                    "", null));
            return;
        }
        warnings.add(new Diagnostic(Diagnostic.Severity.WARNING, at, message, source.line(at.line()), hint));
    }

    public boolean full() {
        return errors.full();
    }

    public boolean hasErrors() {
        return errors.errorCount() > 0;
    }

    /** The errors in file order (syntax errors are found before the meaning of earlier lines is read). */
    public List<Diagnostic> errors() {
        List<Diagnostic> sorted = new ArrayList<>(errors.diagnostics());
        sorted.sort(java.util.Comparator.comparingInt((Diagnostic d) -> d.position().line()).thenComparingInt(d -> d.position().column()));
        return sorted;
    }

    public List<Diagnostic> warnings() {
        List<Diagnostic> sorted = new ArrayList<>(warnings);
        sorted.sort(java.util.Comparator.comparingInt((Diagnostic d) -> d.position().line()).thenComparingInt(d -> d.position().column()));
        return sorted;
    }
}
