package io.topicguard.dsl.syntax;

import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import org.antlr.v4.runtime.Token;

import java.util.Arrays;
import java.util.List;

/**
 * Bounds the nesting of who-expressions before the recursive-descent parser sees them, so that
 * 100,000 {@code (} or {@code not} become one clear error instead of a StackOverflowError.
 */
final class NestingDepth {

    /** Deeper than any policy a person writes, far below what the parser's stack can take. */
    static final int MAX = 100;

    private NestingDepth() {
    }

    /** The token where nesting first exceeds {@link #MAX}, or null. */
    static Token tooDeep(List<Token> tokens) {
        // Depth counts open parentheses plus the `not`s still waiting for their operand, per level.
        int[] pendingNots = new int[8];
        int level = 0;
        int depth = 0;
        for (Token token : tokens) {
            switch (token.getType()) {
                case PolicyGrammarLexer.NOT -> {
                    pendingNots[level]++;
                    depth++;
                }
                case PolicyGrammarLexer.LPAREN -> {
                    level++;
                    if (level == pendingNots.length) {
                        pendingNots = Arrays.copyOf(pendingNots, level * 2);
                    }
                    pendingNots[level] = 0;
                    depth++;
                }
                case PolicyGrammarLexer.RPAREN -> {
                    if (level > 0) {
                        depth -= pendingNots[level] + 1;
                        level--;
                    }
                    depth -= pendingNots[level];
                    pendingNots[level] = 0;
                }
                case PolicyGrammarLexer.ALL, PolicyGrammarLexer.ANONYMOUS, PolicyGrammarLexer.STRING, PolicyGrammarLexer.RBRACKET -> {
                    // A term ends here: the `not`s before it have their operand.
                    depth -= pendingNots[level];
                    pendingNots[level] = 0;
                }
                default -> {
                }
            }
            if (depth > MAX) {
                return token;
            }
        }
        return null;
    }
}
