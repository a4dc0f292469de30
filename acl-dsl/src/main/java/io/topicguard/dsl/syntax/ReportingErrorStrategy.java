package io.topicguard.dsl.syntax;

import io.topicguard.dsl.source.FileReporter;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.List;

/**
 * Reports the first syntax error of a statement in words and abandons the statement: the splitter
 * has already found where the next one starts, so in-statement recovery would only add
 * follow-on noise. Replaces ANTLR's console listener and its "mismatched input" wording.
 */
final class ReportingErrorStrategy extends DefaultErrorStrategy {

    private final FileReporter reporter;
    private final List<Token> tokens;

    ReportingErrorStrategy(FileReporter reporter, List<Token> tokens) {
        this.reporter = reporter;
        this.tokens = tokens;
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
        IntervalSet expected = e.getExpectedTokens();
        if (expected == null) {
            expected = recognizer.getExpectedTokens();
        }
        int index = Math.max(0, Math.min(offending.getTokenIndex(), tokens.size() - 1));
        SyntaxMessages.Message message = SyntaxMessages.describe(tokens, index, expected);
        reporter.error(offending, message.text(), message.hint());
        throw new ParseCancellationException(e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        reportError(recognizer, new InputMismatchException(recognizer));
        throw new IllegalStateException("unreachable: reportError abandons the statement");
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw new ParseCancellationException(e);
    }

    @Override
    public void sync(Parser recognizer) {
        // Checked before every optional part and loop, with what may follow the enclosing rules
        // included: after `allow all` the next token may be 'and', 'or', 'to' or the end, and the
        // error should say so rather than only naming what the last rule wanted.
        IntervalSet expecting = recognizer.getExpectedTokens();
        if (!expecting.contains(recognizer.getInputStream().LA(1))) {
            reportError(recognizer, new InputMismatchException(recognizer));
        }
    }
}
