package io.topicguard.dsl.syntax;

import io.topicguard.dsl.grammar.PolicyGrammarParser.SingleStatementContext;
import io.topicguard.dsl.source.FileReporter;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one statement's tokens into a parse tree: first with SLL prediction (fast, enough for
 * every valid statement of this grammar), then, only when that fails, again with full LL and the
 * reporting error strategy, so the error message is the precise one.
 */
public final class StatementParser {

    // One stream and one parser per file, refilled per statement: a million statements should not
    // mean a million of each.
    private final CommonTokenStream stream = new CommonTokenStream(new ListTokenSource(List.of()));
    private final io.topicguard.dsl.grammar.PolicyGrammarParser parser = new io.topicguard.dsl.grammar.PolicyGrammarParser(stream);
    private final BailErrorStrategy bail = new BailErrorStrategy();
    private final FileReporter reporter;

    public StatementParser(FileReporter reporter) {
        this.reporter = reporter;
        parser.removeErrorListeners();
        parser.setBuildParseTree(true);
    }

    /** The parse tree of {@code piece}, or null after reporting why there is none. */
    public SingleStatementContext parse(StatementSplitter.Piece piece) {
        if (piece.tooLong()) {
            reporter.error(piece.first(), "statement too long: more than " + StatementSplitter.MAX_TOKENS + " tokens",
                    "split it into several statements");
            return null;
        }
        Token deep = NestingDepth.tooDeep(piece.tokens());
        if (deep != null) {
            reporter.error(deep, "nesting too deep: more than " + NestingDepth.MAX + " levels of parentheses and 'not'",
                    "simplify the who-expression");
            return null;
        }
        List<Token> tokens = new ArrayList<>(piece.tokens().size() + 1);
        tokens.addAll(piece.tokens());
        tokens.add(endOf(piece.tokens()));

        stream.setTokenSource(new ListTokenSource(tokens));
        try {
            parser.setTokenStream(stream);
            parser.setErrorHandler(bail);
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            return parser.singleStatement();
        } catch (ParseCancellationException sllFailed) {
            // fall through to LL with error reporting
        } catch (StackOverflowError e) {
            return tooComplex(piece);
        }
        try {
            stream.seek(0);
            parser.setTokenStream(stream);
            parser.setErrorHandler(new ReportingErrorStrategy(reporter, tokens, SyntaxMessages::describe));
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            SingleStatementContext tree = parser.singleStatement();
            // Unreachable in practice: SLL only fails on input LL also rejects.
            return tree;
        } catch (ParseCancellationException reported) {
            return null;
        } catch (StackOverflowError e) {
            return tooComplex(piece);
        }
    }

    private SingleStatementContext tooComplex(StatementSplitter.Piece piece) {
        reporter.error(piece.first(), "statement too complex to parse", "simplify the who-expression");
        return null;
    }

    /** A synthetic EOF right after the statement's last token, where "expected ..." errors point. */
    private static Token endOf(List<Token> tokens) {
        Token last = tokens.get(tokens.size() - 1);
        CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
        String text = last.getText();
        eof.setLine(last.getLine());
        eof.setCharPositionInLine(last.getCharPositionInLine() + text.codePointCount(0, text.length()));
        eof.setTokenIndex(tokens.size());
        eof.setStartIndex(last.getStopIndex() + 1);
        eof.setStopIndex(last.getStopIndex());
        return eof;
    }

}
