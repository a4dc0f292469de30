package io.topicguard.dsl.syntax;

import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the token stream of a file into statements, so each one is parsed (and its parse tree
 * dropped) on its own, and a syntax error costs only the statement it is in.
 *
 * <p>docs/language.md: every statement starts with a keyword. {@code default}, {@code on},
 * {@code partial}, {@code include}, {@code superuser}, {@code ban} and {@code client} only ever start one;
 * {@code allow}, {@code deny} and {@code anonymous} also occur inside statements, and which they are
 * follows from the token before them (see {@link #startsStatement}). For valid input the cut is
 * exactly where the grammar puts it.
 */
public final class StatementSplitter {

    /** A statement longer than this is rejected rather than buffered (binary garbage, runaway lists). */
    public static final int MAX_TOKENS = 1_000_000;

    /** The tokens of one statement, or a statement too long to parse. */
    public record Piece(List<Token> tokens, boolean tooLong) {
        public Token first() {
            return tokens.get(0);
        }
    }

    private final TokenSource lexer;
    private Token pending;
    private int previousType = -1;
    private boolean previousStarted;
    private int previousLine;

    /** @param lexer a {@link PolicyGrammarLexer}, or an {@link AsciiLexer} (the same tokens, faster) */
    public StatementSplitter(TokenSource lexer) {
        this.lexer = lexer;
    }

    /** The next statement's tokens (never empty, no EOF), or null at the end of the file. */
    public Piece next() {
        Token first = pending != null ? pending : advance();
        pending = null;
        if (first.getType() == Token.EOF) {
            return null;
        }
        List<Token> tokens = new ArrayList<>(16);
        tokens.add(first);
        boolean tooLong = false;
        boolean broken = isErrorToken(first);
        while (true) {
            Token token = advance();
            if (token.getType() == Token.EOF || previousStarted) {
                pending = token;
                return new Piece(tokens, tooLong);
            }
            if (tooLong || broken) {
                // The parse fails at or before the error token, so what follows it is never looked
                // at: not buffering it keeps a 10 MB line of garbage from becoming 10 M tokens.
                continue;
            }
            broken = isErrorToken(token);
            if (tokens.size() >= MAX_TOKENS) {
                // Keep the first token for the position of the error; drop the rest as it streams by.
                tokens.subList(1, tokens.size()).clear();
                tooLong = true;
                continue;
            }
            tokens.add(token);
        }
    }

    /** Tokens no grammar rule accepts; they exist only to be named in errors. */
    private static boolean isErrorToken(Token token) {
        int type = token.getType();
        return type == PolicyGrammarLexer.UNEXPECTED || type == PolicyGrammarLexer.UNTERMINATED_STRING || type == PolicyGrammarLexer.WORD;
    }

    private Token advance() {
        Token token = lexer.nextToken();
        // An unknown word first on its line is most likely a misspelt statement keyword ("Allow",
        // "alow"): starting a statement there keeps one typo from hiding the next statement's errors.
        boolean starts = startsStatement(token.getType(), previousType, previousStarted)
                || (token.getType() == PolicyGrammarLexer.WORD && token.getLine() > previousLine);
        previousType = token.getType();
        previousLine = token.getLine();
        previousStarted = starts;
        return token;
    }

    /**
     * Whether a token of {@code type} starts a statement, given the token before it and whether
     * that one started a statement.
     */
    static boolean startsStatement(int type, int previousType, boolean previousStarted) {
        switch (type) {
            case PolicyGrammarLexer.DEFAULT, PolicyGrammarLexer.ON, PolicyGrammarLexer.PARTIAL, PolicyGrammarLexer.INCLUDE,
                    PolicyGrammarLexer.SUPERUSER, PolicyGrammarLexer.BAN, PolicyGrammarLexer.CLIENT:
                return true;
            case PolicyGrammarLexer.ALLOW, PolicyGrammarLexer.DENY:
                // The value of `default`, `on deny`, `partial` and the setting `anonymous`.
                return !(previousType == PolicyGrammarLexer.DEFAULT || previousType == PolicyGrammarLexer.ON
                        || previousType == PolicyGrammarLexer.PARTIAL
                        || (previousType == PolicyGrammarLexer.ANONYMOUS && previousStarted));
            case PolicyGrammarLexer.ANONYMOUS:
                // The who-term `anonymous` where a who-expression is expected.
                return !(((previousType == PolicyGrammarLexer.ALLOW || previousType == PolicyGrammarLexer.DENY) && previousStarted)
                        || previousType == PolicyGrammarLexer.SUPERUSER || previousType == PolicyGrammarLexer.BAN
                        || previousType == PolicyGrammarLexer.NOT || previousType == PolicyGrammarLexer.LPAREN
                        || previousType == PolicyGrammarLexer.AND || previousType == PolicyGrammarLexer.OR);
            default:
                return false;
        }
    }
}
