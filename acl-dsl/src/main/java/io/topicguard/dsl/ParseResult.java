package io.topicguard.dsl;

import io.topicguard.dsl.ast.PolicyAst;

import java.util.List;

/** Either a whole policy or every problem found in it; never half of one. */
public sealed interface ParseResult {

    /** The policy parsed without errors. */
    record Success(PolicyAst policy) implements ParseResult {
    }

    /**
     * @param diagnostics all errors of all files, never empty, in reading order: each file's in
     *                    position order, an included file's at the place of its include statement
     */
    record Failure(List<Diagnostic> diagnostics) implements ParseResult {
        public Failure {
            diagnostics = List.copyOf(diagnostics);
            if (diagnostics.isEmpty()) {
                throw new IllegalArgumentException("a failure needs at least one diagnostic");
            }
        }
    }
}
