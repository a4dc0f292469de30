package io.topicguard.dsl.build;

import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

import java.util.List;

/**
 * A statement's text as written, for explanations: tokens as they appear, with any run of
 * whitespace and comments between two tokens collapsed to one space (docs/semantics.md, Questions and answers: explanations name "the exact line").
 */
final class StatementText {

    private StatementText() {
    }

    static String of(List<Token> tokens) {
        Token first = tokens.get(0);
        Token last = tokens.get(tokens.size() - 1);
        String written = first.getInputStream().getText(Interval.of(first.getStartIndex(), last.getStopIndex()));
        if (isCollapsed(written)) {
            // Most statements are written on one line with single spaces: the source text is the answer.
            return written;
        }
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

    private static boolean isCollapsed(String text) {
        char previous = 'x';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\u000B'
                    || (c == ' ' && previous == ' ')) {
                // '#' may be a comment (or inside a string: then the slow path gives the same text).
                return false;
            }
            previous = c;
        }
        return true;
    }
}
