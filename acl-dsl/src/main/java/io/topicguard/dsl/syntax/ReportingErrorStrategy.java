package io.topicguard.dsl.syntax;

import io.topicguard.dsl.source.FileReporter;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Reports the first syntax error of a statement in words and abandons the statement: the splitter
 * has already found where the next one starts, so in-statement recovery would only add
 * follow-on noise. Replaces ANTLR's console listener and its "mismatched input" wording.
 * Also parses the expectations of test files, each language with its own {@link Wording}.
 */
public final class ReportingErrorStrategy extends DefaultErrorStrategy {

    /** A worded syntax error. */
    public record Message(String text, @Nullable String hint) {
    }

    /** Words the error at token {@code offending} of {@code tokens} (which end with an EOF), given what was expected there. */
    public interface Wording {
        Message describe(List<Token> tokens, int offending, IntervalSet expected);
    }

    private final FileReporter reporter;
    private final List<Token> tokens;
    private final Wording wording;

    public ReportingErrorStrategy(FileReporter reporter, List<Token> tokens, Wording wording) {
        this.reporter = reporter;
        this.tokens = tokens;
        this.wording = wording;
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken();
        IntervalSet expected = e.getExpectedTokens();
        if (expected == null) {
            expected = recognizer.getExpectedTokens();
        }
        int index = Math.max(0, Math.min(offending.getTokenIndex(), tokens.size() - 1));
        Message message = wording.describe(tokens, index, expected);
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
