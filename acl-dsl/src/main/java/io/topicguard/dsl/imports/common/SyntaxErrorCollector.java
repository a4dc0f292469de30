package io.topicguard.dsl.imports.common;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

import java.util.function.Function;

/**
 * Turns ANTLR's syntax errors into located diagnostics; {@code wording} rewords the offending
 * token for the user (ANTLR's own messages name token types, not words a user wrote).
 */
public final class SyntaxErrorCollector extends BaseErrorListener {

    /** A worded syntax error. */
    public record Worded(String message, String hint) {
    }

    private final ImportReporter reporter;
    private final Function<Token, Worded> wording;
    private final StatementBoundary boundary;
    private int lastReported = -1;

    /** Tells whether a statement ended between two tokens (by index), e.g. at a '.' in between. */
    @FunctionalInterface
    public interface StatementBoundary {
        boolean endedBetween(int fromTokenIndex, int toTokenIndex);
    }

    /**
     * @param boundary only the first error of a statement is reported, since ANTLR's recovery
     *                 inside a broken statement mostly adds echoes of the first problem
     */
    public SyntaxErrorCollector(ImportReporter reporter, Function<Token, Worded> wording, StatementBoundary boundary) {
        this.reporter = reporter;
        this.wording = wording;
        this.boundary = boundary;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        if (reporter.full()) {
            return;
        }
        if (offendingSymbol instanceof Token token && lastReported >= 0 && !boundary.endedBetween(lastReported, token.getTokenIndex())) {
            return;
        }
        if (offendingSymbol instanceof Token token) {
            lastReported = token.getTokenIndex();
        }
        Worded worded = offendingSymbol instanceof Token token ? wording.apply(token) : new Worded(msg, null);
        reporter.error(line, charPositionInLine + 1, worded.message(), worded.hint());
    }
}
