package io.topicguard.dsl.build;

import io.topicguard.dsl.check.Problem;
import io.topicguard.dsl.source.FileReporter;
import org.antlr.v4.runtime.Token;

/** Reports a {@link Problem} found in a string literal at the right column. */
public final class Problems {

    private Problems() {
    }

    /** Points into the string where the problem is, or at its opening quote when it is about the whole string. */
    public static void report(FileReporter reporter, Token stringToken, Problem problem) {
        if (problem.offset() < 0) {
            reporter.error(stringToken, problem.message(), problem.hint());
        } else {
            reporter.errorInString(stringToken, StringLiteral.rawOffsetOfDecoded(stringToken.getText(), problem.offset()),
                    problem.message(), problem.hint());
        }
    }
}
