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

    /**
     * Whether {@code text} has no comment and no whitespace but single spaces between its tokens.
     * What is inside a string literal is the token's own text either way, so it is skipped: a
     * {@code '#'} there is a topic wildcard, not a comment, and a quarter of a large policy's rules
     * end in one (they took the slow path, a builder and a string per token).
     */
    static boolean isCollapsed(String text) {
        char previous = 'x';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = afterString(text, i + 1);
                if (i < 0) {
                    return false;
                }
            } else if (c == '#' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\u000B'
                    || (c == ' ' && previous == ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /**
     * The index of the closing quote of the string literal whose text starts at {@code from}, or
     * -1 when it does not close on its line (then the slow path decides).
     */
    private static int afterString(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) != '\n' && text.charAt(i + 1) != '\r') {
                i++;
            } else if (c == '\n' || c == '\r') {
                return -1;
            }
        }
        return -1;
    }
}
