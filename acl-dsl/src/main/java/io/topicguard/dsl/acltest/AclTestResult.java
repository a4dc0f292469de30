package io.topicguard.dsl.acltest;

import io.topicguard.dsl.Diagnostic;

import java.util.List;

/** Either a whole test file or every problem found in it, as {@link io.topicguard.dsl.ParseResult} is for policies. */
public sealed interface AclTestResult {

    /** The file parsed without errors. */
    record Success(AclTestFile file) implements AclTestResult {
    }

    /** @param diagnostics every error of the file in position order, never empty */
    record Failure(List<Diagnostic> diagnostics) implements AclTestResult {
        public Failure {
            diagnostics = List.copyOf(diagnostics);
            if (diagnostics.isEmpty()) {
                throw new IllegalArgumentException("a failure needs at least one diagnostic");
            }
        }
    }
}
