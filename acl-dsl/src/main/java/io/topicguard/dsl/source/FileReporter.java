package io.topicguard.dsl.source;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ast.SourcePosition;
import org.antlr.v4.runtime.Token;

/**
 * Turns problems found in one file into located {@link Diagnostic}s: the position, the source line
 * for the caret display, the message and an optional hint.
 */
public final class FileReporter {

    private final SourceText source;
    private final DiagnosticSink sink;

    public FileReporter(SourceText source, DiagnosticSink sink) {
        this.source = source;
        this.sink = sink;
    }

    public String displayName() {
        return source.displayName();
    }

    /** The number of errors reported so far in this parse (all files), to tell whether a step added any. */
    public int errorCount() {
        return sink.errorCount();
    }

    /** Where {@code token} starts. */
    public SourcePosition position(Token token) {
        return new SourcePosition(source.displayName(), Math.max(1, token.getLine()),
                token.getCharPositionInLine() + 1);
    }

    public void error(int line, int column, String message, String hint) {
        SourcePosition position = new SourcePosition(source.displayName(), Math.max(1, line), Math.max(1, column));
        sink.add(new Diagnostic(Diagnostic.Severity.ERROR, position, message, source.line(position.line()), hint));
    }

    public void error(Token token, String message, String hint) {
        error(token.getLine(), token.getCharPositionInLine() + 1, message, hint);
    }

    /**
     * An error inside a string literal: {@code offset} counts characters (code points) of the raw
     * literal after its opening quote, so the caret points at the offending character.
     */
    public void errorInString(Token stringToken, int offset, String message, String hint) {
        error(stringToken.getLine(), stringToken.getCharPositionInLine() + 2 + Math.max(0, offset), message, hint);
    }
}
