package io.topicguard.dsl.acltest;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.grammar.AclTestGrammarLexer;
import io.topicguard.dsl.grammar.AclTestGrammarParser;
import io.topicguard.dsl.read.SourceLoader;
import io.topicguard.dsl.source.DiagnosticSink;
import io.topicguard.dsl.source.FileReporter;
import io.topicguard.dsl.source.SourceText;
import io.topicguard.dsl.syntax.ReportingErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code *.acltest} files. Like {@link io.topicguard.dsl.PolicyParser} it never throws: every
 * problem, all of them at once, comes back as a located {@link Diagnostic} with the line and a caret.
 *
 * <p>The tokens are cut before every {@code expect} and each piece is parsed on its own, so a broken
 * expectation reports one error (its first) and the next expectation is read as if nothing happened.
 */
public final class AclTestParser {

    private AclTestParser() {
    }

    /** Parses the test file {@code file}, named in positions as given. */
    public static AclTestResult parseFile(Path file) {
        String name = file.toString();
        SourceLoader.Loaded loaded = SourceLoader.load(file);
        if (loaded instanceof SourceLoader.Unreadable unreadable) {
            return failure(name, "cannot read test file: " + unreadable.reason());
        }
        if (loaded instanceof SourceLoader.NotText notText) {
            DiagnosticSink sink = new DiagnosticSink();
            new FileReporter(new SourceText(name, notText.lossyText()), sink).error(notText.line(), notText.column(),
                    notText.message(), "test files are UTF-8 text; check that this is the file you meant");
            return new AclTestResult.Failure(sink.diagnostics());
        }
        return parseString(name, ((SourceLoader.Text) loaded).text());
    }

    /** Parses test text given in memory; {@code sourceName} appears in positions. */
    public static AclTestResult parseString(String sourceName, String text) {
        String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        try {
            return read(new SourceText(sourceName, body));
        } catch (StackOverflowError | OutOfMemoryError e) {
            return failure(sourceName, "test file too large to parse in the available memory");
        } catch (RuntimeException e) {
            return failure(sourceName, "internal error while reading the test file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report it");
        }
    }

    private static AclTestResult read(SourceText source) {
        DiagnosticSink sink = new DiagnosticSink();
        FileReporter reporter = new FileReporter(source, sink);
        AclTestGrammarLexer lexer = new AclTestGrammarLexer(CharStreams.fromString(source.text(), source.displayName()));
        lexer.removeErrorListeners();
        List<Expectation> expectations = new ArrayList<>();
        ExpectationBuilder builder = new ExpectationBuilder(reporter);
        for (List<Token> piece : pieces(lexer.getAllTokens())) {
            if (sink.full()) {
                break;
            }
            AclTestGrammarParser.ExpectationContext tree = parse(piece, reporter);
            if (tree != null) {
                Expectation built = builder.build(tree);
                if (built != null) {
                    expectations.add(built);
                }
            }
        }
        if (sink.errorCount() > 0) {
            return new AclTestResult.Failure(sink.diagnostics());
        }
        return new AclTestResult.Success(new AclTestFile(source.displayName(), expectations));
    }

    /** The tokens cut before each {@code expect}; tokens before the first one are a piece of their own (an error). */
    private static List<List<Token>> pieces(List<? extends Token> tokens) {
        List<List<Token>> pieces = new ArrayList<>();
        List<Token> current = null;
        for (Token token : tokens) {
            if (current == null || token.getType() == AclTestGrammarLexer.EXPECT) {
                current = new ArrayList<>();
                pieces.add(current);
            }
            current.add(token);
        }
        return pieces;
    }

    private static AclTestGrammarParser.ExpectationContext parse(List<Token> piece, FileReporter reporter) {
        List<Token> tokens = new ArrayList<>(piece);
        tokens.add(endOf(piece));
        for (int i = 0; i < tokens.size(); i++) {
            ((CommonToken) tokens.get(i)).setTokenIndex(i);
        }
        AclTestGrammarParser parser = new AclTestGrammarParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.setErrorHandler(new ReportingErrorStrategy(reporter, tokens, TestSyntaxMessages::describe));
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        try {
            return parser.singleExpectation().expectation();
        } catch (ParseCancellationException reported) {
            return null;
        }
    }

    /** A synthetic EOF right after the piece's last token, where "expected ..." errors point. */
    private static Token endOf(List<Token> tokens) {
        Token last = tokens.get(tokens.size() - 1);
        String text = last.getText();
        CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
        eof.setLine(last.getLine());
        eof.setCharPositionInLine(last.getCharPositionInLine() + text.codePointCount(0, text.length()));
        eof.setStartIndex(last.getStopIndex() + 1);
        eof.setStopIndex(last.getStopIndex());
        return eof;
    }

    private static AclTestResult failure(String name, String message) {
        return new AclTestResult.Failure(List.of(new Diagnostic(Diagnostic.Severity.ERROR,
                new SourcePosition(name, 1, 1), message, "", null)));
    }
}
