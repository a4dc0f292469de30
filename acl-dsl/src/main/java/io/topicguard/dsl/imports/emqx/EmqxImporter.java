package io.topicguard.dsl.imports.emqx;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.ast.SourceFile;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.grammar.EmqxAclLexer;
import io.topicguard.dsl.grammar.EmqxAclParser;
import io.topicguard.dsl.imports.ImportResult;
import io.topicguard.dsl.imports.common.ImportReporter;
import io.topicguard.dsl.imports.common.SyntaxErrorCollector;
import io.topicguard.dsl.source.SourceText;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * Imports an EMQX acl.conf (4.x and 5.x). Positions point at each rule's opening brace and the
 * statement text is the rule as written (whitespace collapsed, comments dropped), so explanations
 * quote the user's own file.
 */
public final class EmqxImporter {

    private EmqxImporter() {
    }

    /** Reads {@code text}, the content of {@code file}; never throws for any text. */
    public static ImportResult read(String text, SourceFile file) {
        ImportReporter reporter = new ImportReporter(new SourceText(file.displayName(), text));
        EmqxAclLexer lexer = new EmqxAclLexer(CharStreams.fromString(text, file.displayName()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        EmqxAclParser parser = new EmqxAclParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrorCollector(reporter, EmqxSyntax::describe, (from, to) -> {
            for (int i = Math.max(0, from); i < to; i++) {
                if (tokens.get(i).getType() == EmqxAclLexer.DOT) {
                    return true;
                }
            }
            return false;
        }));
        EmqxAclParser.AclFileContext tree = parser.aclFile();

        TermBuilder terms = new TermBuilder(reporter);
        EmqxRules rules = new EmqxRules(reporter);
        List<EmqxAclParser.StatementContext> contexts = tree.statement();
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < contexts.size() && !reporter.full(); i++) {
            EmqxAclParser.StatementContext ctx = contexts.get(i);
            if (TermBuilder.damaged(ctx)) {
                continue; // its syntax error is reported already
            }
            Term term = terms.build(ctx.term());
            if (term == null) {
                continue;
            }
            Token start = ctx.getStart();
            EmqxRules.Source source = new EmqxRules.Source(reporter.position(start.getLine(), start.getCharPositionInLine() + 1),
                    text(tokens, ctx), i == contexts.size() - 1);
            Statement statement = rules.statement(term, source);
            if (statement != null) {
                statements.add(statement);
            }
        }
        warnAboutNoMatch(reporter, statements, contexts);
        if (reporter.hasErrors()) {
            return new ImportResult(new ParseResult.Failure(reporter.errors()), reporter.warnings());
        }
        return new ImportResult(new ParseResult.Success(new PolicyAst(statements, List.of(file))), reporter.warnings());
    }

    /** EMQX's answer when no rule matches is a broker setting, not part of the file; say which one applies now. */
    private static void warnAboutNoMatch(ImportReporter reporter, List<Statement> statements, List<EmqxAclParser.StatementContext> contexts) {
        boolean endsWithDefault = !statements.isEmpty() && statements.get(statements.size() - 1) instanceof SettingStatement;
        if (!endsWithDefault && !reporter.hasErrors()) {
            Token at = contexts.isEmpty() ? null : contexts.get(contexts.size() - 1).getStart();
            reporter.warning(at == null ? 1 : at.getLine(), at == null ? 1 : at.getCharPositionInLine() + 1,
                    "the file does not end with {allow, all} or {deny, all}: EMQX then decides by authorization.no_match (acl_nomatch in 4.x, allow by default), topicguard denies",
                    "end the file with {allow, all}. or {deny, all}. to make the choice explicit");
        }
    }

    /** The statement's tokens joined with one space wherever the file had blanks or comments between them. */
    private static String text(CommonTokenStream tokens, EmqxAclParser.StatementContext ctx) {
        StringBuilder out = new StringBuilder();
        Token previous = null;
        for (Token token : tokens.getTokens(ctx.getStart().getTokenIndex(), ctx.getStop().getTokenIndex())) {
            if (token.getType() == Token.EOF) {
                break;
            }
            if (previous != null && token.getStartIndex() > previous.getStopIndex() + 1) {
                out.append(' ');
            }
            out.append(token.getText());
            previous = token;
        }
        return out.toString();
    }
}
