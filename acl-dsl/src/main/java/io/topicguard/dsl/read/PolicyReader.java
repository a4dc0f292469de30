package io.topicguard.dsl.read;

import io.topicguard.dsl.check.Clip;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.ast.ClientRulesStatement;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.ast.SourceFile;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.build.BuiltStatement;
import io.topicguard.dsl.build.SimpleRuleBuilder;
import io.topicguard.dsl.build.StatementBuilder;
import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import io.topicguard.dsl.grammar.PolicyGrammarParser.SingleStatementContext;
import io.topicguard.dsl.source.DiagnosticSink;
import io.topicguard.dsl.source.FileReporter;
import io.topicguard.dsl.source.SourceText;
import io.topicguard.dsl.syntax.AsciiLexer;
import io.topicguard.dsl.syntax.StatementParser;
import io.topicguard.dsl.syntax.StatementSplitter;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.TokenSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a whole policy: the main file and, in place, every file it includes (docs/language.md), into
 * one statement list, collecting every diagnostic of every file. One instance per parse.
 */
public final class PolicyReader {

    private final DiagnosticSink sink = new DiagnosticSink();
    private final List<Statement> statements = new ArrayList<>();
    private final Map<Object, SourceFile> files = new LinkedHashMap<>();
    private final Map<Setting.Kind, SettingStatement> settings = new EnumMap<>(Setting.Kind.class);
    private final Includes includes = new Includes();
    private ClientRulesStatement clientRules;
    private final boolean simpleRules;

    public PolicyReader() {
        this(true);
    }

    /**
     * @param simpleRules whether ASCII text is lexed by {@link AsciiLexer} and common rule shapes
     *                    skip the ANTLR parser ({@link SimpleRuleBuilder}); false only in the test
     *                    that holds both paths to the same result
     */
    PolicyReader(boolean simpleRules) {
        this.simpleRules = simpleRules;
    }

    /** Reads {@code file}, shown as written by the user. */
    public ParseResult readFile(Path file) {
        String display = file.toString();
        SourceLoader.Loaded loaded = SourceLoader.load(file);
        if (loaded instanceof SourceLoader.Unreadable unreadable) {
            SourceText empty = new SourceText(display, "");
            new FileReporter(empty, sink).error(1, 1, "cannot read policy file: " + unreadable.reason(), null);
            return result();
        }
        Path key = Includes.identity(file);
        includes.enter(key, display);
        // The path is recorded absolute, so a watcher can find the file whatever its working directory.
        Path absolute = file.toAbsolutePath();
        readLoaded(loaded, display, absolute, key, absolute.getParent());
        includes.leave();
        return result();
    }

    /** Reads policy text from memory; includes resolve against {@code baseDir}, or are refused when it is null. */
    public ParseResult readString(String displayName, String text, Path baseDir) {
        String sha = SourceLoader.sha256(text.getBytes(StandardCharsets.UTF_8));
        files.put("string:" + displayName, new SourceFile(displayName, null, sha));
        String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        readText(new SourceText(displayName, body), baseDir);
        return result();
    }

    private void readLoaded(SourceLoader.Loaded loaded, String display, Path path, Path key, Path directory) {
        if (loaded instanceof SourceLoader.NotText notText) {
            files.putIfAbsent(key, new SourceFile(display, path, notText.sha256()));
            SourceText lossy = new SourceText(display, notText.lossyText());
            new FileReporter(lossy, sink).error(notText.line(), notText.column(), notText.message(),
                    "policy files are UTF-8 text; check that this is the file you meant");
            return;
        }
        SourceLoader.Text text = (SourceLoader.Text) loaded;
        files.putIfAbsent(key, new SourceFile(display, path, text.sha256()));
        readText(new SourceText(display, text.text()), directory);
    }

    private void readText(SourceText source, Path directory) {
        FileReporter reporter = new FileReporter(source, sink);
        TokenSource lexer;
        if (simpleRules && AsciiLexer.accepts(source.text())) {
            lexer = new AsciiLexer(source.text(), asciiStream(source));
        } else {
            PolicyGrammarLexer generated = new PolicyGrammarLexer(CharStreams.fromString(source.text(), source.displayName()));
            generated.removeErrorListeners();
            lexer = generated;
        }
        StatementSplitter splitter = new StatementSplitter(lexer);
        StatementParser parser = new StatementParser(reporter);
        StatementBuilder builder = new StatementBuilder(reporter);
        SimpleRuleBuilder simple = simpleRules ? new SimpleRuleBuilder(reporter) : null;
        for (StatementSplitter.Piece piece = splitter.next(); piece != null && !sink.full(); piece = splitter.next()) {
            BuiltStatement quick = simple == null || piece.tooLong() ? null : simple.build(piece.tokens());
            if (quick instanceof BuiltStatement.Ast ast) {
                add(ast.statement(), reporter);
                continue;
            }
            SingleStatementContext tree = parser.parse(piece);
            if (tree == null) {
                continue;
            }
            BuiltStatement built = builder.build(tree, piece.tokens());
            if (built instanceof BuiltStatement.Ast ast) {
                add(ast.statement(), reporter);
            } else if (built instanceof BuiltStatement.Include include) {
                include(include, reporter, directory);
            }
        }
    }

    /**
     * The stream {@link CharStreams#fromString} makes of ASCII text (one byte per character), made
     * with one copy of the text: fromString goes through a char buffer twice the text's size
     * first, which for a million rules was some 150 MB per load.
     */
    private static CharStream asciiStream(SourceText source) {
        ByteBuffer bytes = ByteBuffer.wrap(source.text().getBytes(StandardCharsets.ISO_8859_1));
        return CodePointCharStream.fromBuffer(CodePointBuffer.withBytes(bytes), source.displayName());
    }

    private void add(Statement statement, FileReporter reporter) {
        if (statement instanceof SettingStatement setting) {
            SettingStatement first = settings.putIfAbsent(setting.setting().kind(), setting);
            if (first != null) {
                SourcePosition p = setting.position();
                reporter.error(p.line(), p.column(), "'" + setting.setting().kind().keyword() + "' is set twice; first set at "
                        + where(first.position(), p), "keep one of them");
                return;
            }
        }
        if (statement instanceof ClientRulesStatement clientRules) {
            // Carried rules are evaluated at one place in first-match order: at a second place they
            // could never decide anything the first did not, so a second statement is a mistake.
            if (this.clientRules != null) {
                SourcePosition p = clientRules.position();
                reporter.error(p.line(), p.column(), "'client rules' is written twice; first written at "
                        + where(this.clientRules.position(), p), "keep the one where carried rules should be evaluated");
                return;
            }
            this.clientRules = clientRules;
        }
        statements.add(statement);
    }

    /** {@code line N} when {@code first} is in the file of {@code here}, else {@code file:line}. */
    private static String where(SourcePosition first, SourcePosition here) {
        return first.file().equals(here.file()) ? "line " + first.line() : first.fileAndLine();
    }

    private void include(BuiltStatement.Include include, FileReporter reporter, Path directory) {
        Includes.Resolved resolved = includes.resolve(include.path(), directory, reporter.displayName());
        if (resolved instanceof Includes.Refused refused) {
            reporter.error(include.pathToken(), refused.message(), refused.hint());
            return;
        }
        Includes.Target target = (Includes.Target) resolved;
        SourceLoader.Loaded loaded = SourceLoader.load(target.path());
        if (loaded instanceof SourceLoader.Unreadable unreadable) {
            reporter.error(include.pathToken(), "cannot include \"" + Clip.of(include.path()) + "\": " + unreadable.reason()
                    + " (" + target.path() + ")", null);
            return;
        }
        Path key = Includes.identity(target.path());
        String cycle = includes.cycle(key, target.display());
        if (cycle != null) {
            reporter.error(include.pathToken(), "include cycle: " + cycle, "remove one of the includes in the chain");
            return;
        }
        if (includes.depth() >= Includes.MAX_DEPTH) {
            reporter.error(include.pathToken(), "includes nested more than " + Includes.MAX_DEPTH + " deep", null);
            return;
        }
        includes.enter(key, target.display());
        try {
            readLoaded(loaded, target.display(), target.path(), key, target.path().toAbsolutePath().getParent());
        } finally {
            includes.leave();
        }
    }

    private ParseResult result() {
        List<Diagnostic> diagnostics = sink.diagnostics();
        if (!diagnostics.isEmpty()) {
            return new ParseResult.Failure(diagnostics);
        }
        return new ParseResult.Success(new PolicyAst(statements, new ArrayList<>(files.values())));
    }
}
