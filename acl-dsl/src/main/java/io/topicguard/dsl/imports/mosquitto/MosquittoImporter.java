package io.topicguard.dsl.imports.mosquitto;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.SourceFile;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.grammar.MosquittoAclLexer;
import io.topicguard.dsl.grammar.MosquittoAclParser;
import io.topicguard.dsl.imports.ImportResult;
import io.topicguard.dsl.imports.common.ImportReporter;
import io.topicguard.dsl.imports.common.SyntaxErrorCollector;
import io.topicguard.dsl.source.SourceText;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;

import java.util.List;

/**
 * Imports a mosquitto acl_file (see {@link MosquittoTranslation} for the semantics kept).
 * Positions and statement texts point into the acl_file, so explanations quote its own lines.
 */
public final class MosquittoImporter {

    private MosquittoImporter() {
    }

    /** Reads {@code text}, the content of {@code file}; never throws for any text. */
    public static ImportResult read(String text, SourceFile file) {
        ImportReporter reporter = new ImportReporter(new SourceText(file.displayName(), text));
        MosquittoAclLexer lexer = new MosquittoAclLexer(CharStreams.fromString(text, file.displayName()));
        lexer.removeErrorListeners();
        MosquittoAclParser parser = new MosquittoAclParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrorCollector(reporter,
                token -> new SyntaxErrorCollector.Worded("cannot read this line of the acl_file", null), (from, to) -> true));
        MosquittoAclParser.AclFileContext tree = parser.aclFile();
        List<MosquittoEntry> entries = new MosquittoLines(reporter).read(tree);
        List<Statement> statements = new MosquittoTranslation(reporter).translate(entries);
        if (reporter.hasErrors()) {
            return new ImportResult(new ParseResult.Failure(reporter.errors()), reporter.warnings());
        }
        return new ImportResult(new ParseResult.Success(new PolicyAst(statements, List.of(file))), reporter.warnings());
    }
}
