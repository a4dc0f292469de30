package io.topicguard.dsl.imports.common;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

import java.util.function.Function;
import java.util.function.IntPredicate;

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
    private final IntPredicate statementEndsBefore;
    private int lastReported = -1;

    /**
     * @param statementEndsBefore given a token index, whether a statement ended between the last
     *                            reported error and that token; only the first error of a statement
     *                            is reported, since ANTLR's recovery inside it mostly adds echoes
     */
    public SyntaxErrorCollector(ImportReporter reporter, Function<Token, Worded> wording, IntPredicate statementEndsBefore) {
        this.reporter = reporter;
        this.wording = wording;
        this.statementEndsBefore = statementEndsBefore;
    }

    /** The index of the token the last reported error was at, or -1. */
    public int lastReported() {
        return lastReported;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        if (reporter.full()) {
            return;
        }
        if (offendingSymbol instanceof Token token && lastReported >= 0 && !statementEndsBefore.test(token.getTokenIndex())) {
            return;
        }
        if (offendingSymbol instanceof Token token) {
            lastReported = token.getTokenIndex();
        }
        Worded worded = offendingSymbol instanceof Token token ? wording.apply(token) : new Worded(msg, null);
        reporter.error(line, charPositionInLine + 1, worded.message(), worded.hint());
    }
}
