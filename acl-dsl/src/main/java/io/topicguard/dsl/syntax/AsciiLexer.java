package io.topicguard.dsl.syntax;

import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

import java.util.HashMap;
import java.util.Map;

/**
 * The lexer rules of {@code PolicyGrammar.g4}, written out by hand for text that is all ASCII: the same
 * tokens (type, start, stop, line, column, text) as {@link PolicyGrammarLexer}, at a fraction of the cost
 * of ANTLR's lexer simulation, which was the largest part of parsing a million-rule policy
 * (issue 4: parse + compile of 1,000,000 rules in 10 s). A property test holds it to the generated
 * lexer on random input.
 *
 * <p>ASCII only because then a character index is a code point index, which is what ANTLR counts
 * in positions; {@link #accepts} says whether a text qualifies, and other text goes to
 * {@link PolicyGrammarLexer}.
 */
public final class AsciiLexer implements TokenSource {

    /**
     * The grammar's keywords by hash, open addressing, looked up by a region of the text: a word
     * token costs no substring (a million-rule policy has some seven million words).
     */
    private static final String[] KEYWORD_SLOTS;
    private static final int[] KEYWORD_TYPES;

    static {
        Map<String, Integer> keywords = new HashMap<>();
        for (int type = 1; type <= PolicyGrammarLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = PolicyGrammarLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && Character.isLetter(literal.charAt(1))) {
                keywords.put(literal.substring(1, literal.length() - 1), type);
            }
        }
        int size = Integer.highestOneBit(keywords.size() * 4 - 1) << 1;
        KEYWORD_SLOTS = new String[size];
        KEYWORD_TYPES = new int[size];
        keywords.forEach((word, type) -> {
            int slot = slot(word, 0, word.length(), size);
            while (KEYWORD_SLOTS[slot] != null) {
                slot = (slot + 1) & (size - 1);
            }
            KEYWORD_SLOTS[slot] = word;
            KEYWORD_TYPES[slot] = type;
        });
    }

    private static int slot(String text, int start, int end, int size) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        return (hash ^ (hash >>> 16)) & (size - 1);
    }

    /** The keyword's token type when {@code text[start, end)} is a keyword, else WORD. */
    private static int wordType(String text, int start, int end) {
        int size = KEYWORD_SLOTS.length;
        for (int slot = slot(text, start, end, size); ; slot = (slot + 1) & (size - 1)) {
            String keyword = KEYWORD_SLOTS[slot];
            if (keyword == null) {
                return PolicyGrammarLexer.WORD;
            }
            if (keyword.length() == end - start && text.startsWith(keyword, start)) {
                return KEYWORD_TYPES[slot];
            }
        }
    }

    private final String text;
    private final CharStream input;
    private final Pair<TokenSource, CharStream> source;
    private TokenFactory<?> factory = CommonTokenFactory.DEFAULT;
    private int index;
    private int line = 1;
    private int column;

    /**
     * @param text  the text {@code input} was made from (all ASCII, see {@link #accepts})
     * @param input the stream tokens refer to for their text, as the generated lexer's tokens do
     */
    public AsciiLexer(String text, CharStream input) {
        this.text = text;
        this.input = input;
        this.source = new Pair<>(this, input);
    }

    /** Whether {@code text} is all ASCII, so this lexer gives the generated lexer's tokens. */
    public static boolean accepts(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Token nextToken() {
        int n = text.length();
        skipIgnored(n);
        int start = index;
        int startLine = line;
        int startColumn = column;
        if (start >= n) {
            CommonToken eof = new CommonToken(source, Token.EOF, Token.DEFAULT_CHANNEL, start, start - 1);
            eof.setLine(startLine);
            eof.setCharPositionInLine(startColumn);
            return eof;
        }
        char c = text.charAt(start);
        int type;
        if (isWordStart(c)) {
            int end = start + 1;
            while (end < n && isWordPart(text.charAt(end))) {
                end++;
            }
            // Keywords and WORD match the same length; the grammar lists keywords first, so they win.
            type = wordType(text, start, end);
            advanceOnLine(end);
        } else if (c >= '0' && c <= '9') {
            int end = start + 1;
            while (end < n && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            type = PolicyGrammarLexer.INT;
            advanceOnLine(end);
        } else if (c == '"') {
            type = string(start, n);
        } else {
            type = switch (c) {
                case '~' -> PolicyGrammarLexer.TILDE;
                case '(' -> PolicyGrammarLexer.LPAREN;
                case ')' -> PolicyGrammarLexer.RPAREN;
                case '[' -> PolicyGrammarLexer.LBRACKET;
                case ']' -> PolicyGrammarLexer.RBRACKET;
                case ',' -> PolicyGrammarLexer.COMMA;
                default -> PolicyGrammarLexer.UNEXPECTED;
            };
            if (c == '.' && start + 1 < n && text.charAt(start + 1) == '.') {
                type = PolicyGrammarLexer.RANGE;
                advanceOnLine(start + 2);
            } else {
                // Not a line end: skipIgnored took every one as WS.
                advanceOnLine(start + 1);
            }
        }
        CommonToken token = new CommonToken(source, type, Token.DEFAULT_CHANNEL, start, index - 1);
        token.setLine(startLine);
        token.setCharPositionInLine(startColumn);
        return token;
    }

    /**
     * STRING {@code '"' (ESCAPE | ~["\\\r\n])* '"'}, or, when the line or text ends first,
     * UNTERMINATED_STRING {@code '"' (ESCAPE | ~["\\\r\n])* '\\'?}; ESCAPE is a backslash and any
     * character but a line end.
     */
    private int string(int start, int n) {
        int i = start + 1;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                advanceOnLine(i + 1);
                return PolicyGrammarLexer.STRING;
            }
            if (c == '\r' || c == '\n') {
                break;
            }
            if (c == '\\') {
                if (i + 1 < n && text.charAt(i + 1) != '\r' && text.charAt(i + 1) != '\n') {
                    i += 2;
                    continue;
                }
                i++; // the optional trailing backslash
                break;
            }
            i++;
        }
        advanceOnLine(i);
        return PolicyGrammarLexer.UNTERMINATED_STRING;
    }

    /** WS {@code [ \t\r\n\f\u000B]+} and COMMENT {@code '#' ~[\r\n]*}, both skipped. */
    private void skipIgnored(int n) {
        int i = index;
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000B') {
                i++;
            } else if (c == '#') {
                i++;
                while (i < n && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                    i++;
                }
            } else {
                break;
            }
        }
        advanceTo(i);
    }

    /** Moves to {@code end}, counting lines and columns as ANTLR does: only '\n' starts a line. */
    private void advanceTo(int end) {
        for (int i = index; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        index = end;
    }

    /**
     * {@link #advanceTo} for a token that cannot hold a '\n' (a word, number or string stops
     * before one): the column moves by the length, without looking at each character again.
     */
    private void advanceOnLine(int end) {
        column += end - index;
        index = end;
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || (c >= '0' && c <= '9') || c == '-';
    }

    @Override
    public int getLine() {
        return line;
    }

    @Override
    public int getCharPositionInLine() {
        return column;
    }

    @Override
    public CharStream getInputStream() {
        return input;
    }

    @Override
    public String getSourceName() {
        return input.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        this.factory = factory;
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return factory;
    }
}
