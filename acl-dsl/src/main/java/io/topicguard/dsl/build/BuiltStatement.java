package io.topicguard.dsl.build;

import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Statement;
import org.antlr.v4.runtime.Token;

/** What one parsed statement became: an AST statement, an include to expand, or nothing (reported). */
public sealed interface BuiltStatement {

    record Ast(Statement statement) implements BuiltStatement {
    }

    /**
     * {@code include "path"}: the reader expands it in place.
     *
     * @param pathToken the string token, for diagnostics about the included file
     */
    record Include(String path, Token pathToken, SourcePosition position) implements BuiltStatement {
    }

    /** The statement had errors, already reported. */
    record Invalid() implements BuiltStatement {
    }
}
