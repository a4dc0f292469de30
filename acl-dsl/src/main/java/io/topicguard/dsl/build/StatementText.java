package io.topicguard.dsl.build;

import org.antlr.v4.runtime.Token;

import java.util.List;

/**
 * A statement's text as written, for explanations: tokens as they appear, with any run of
 * whitespace and comments between two tokens collapsed to one space (DESIGN.md §3: "the exact line").
 */
final class StatementText {

    private StatementText() {
    }

    static String of(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        Token previous = null;
        for (Token token : tokens) {
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
