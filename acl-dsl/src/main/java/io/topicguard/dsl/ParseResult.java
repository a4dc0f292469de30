package io.topicguard.dsl;

import io.topicguard.dsl.ast.PolicyAst;

import java.util.List;

/** Either a whole policy or every problem found in it; never half of one. */
public sealed interface ParseResult {

    record Success(PolicyAst policy) implements ParseResult {
    }

    /** @param diagnostics all errors of all files, in file and position order; never empty */
    record Failure(List<Diagnostic> diagnostics) implements ParseResult {
        public Failure {
            diagnostics = List.copyOf(diagnostics);
            if (diagnostics.isEmpty()) {
                throw new IllegalArgumentException("a failure needs at least one diagnostic");
            }
        }
    }
}
