package io.topicguard.dsl.syntax;

import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written ASCII lexer gives exactly the generated lexer's tokens, on random ASCII text. */
class AsciiLexerAgreesWithGrammarPropertyTest {

    /** Pieces that exercise every lexer rule and the edges between them. */
    private static final List<String> PIECES = List.of(
            "allow", "deny", "default", "anonymous", "username", "clientid", "cn", "ip", "in", "int", "to", "all",
            "allow-x", "Allow", "_w", "a1", "1a", "0", "012", "..", ".", "...", "~", "(", ")", "[", "]", ",",
            "\"", "\"a/b\"", "\"a\\\"b\"", "\"\\\\\"", "\"x\\", "\\", "\"\\u0041\"", "#", "# note", " ", "\t", "\r",
            "\n", "\r\n", "\f", "\u000B", "\0", "=", "'", "$", "+", "/", "{", "}", "*", "qos", "retain", "eq", "any");

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(PIECES),
                Arbitraries.strings().withCharRange((char) 0, (char) 0x7F).ofMaxLength(3));
        return piece.list().ofMaxSize(40).map(list -> String.join("", list));
    }

    @Property(tries = 2000)
    void asciiLexerGivesTheGeneratedLexersTokens(@ForAll("text") String text) {
        assertThat(tokens(text, true)).as(text).isEqualTo(tokens(text, false));
    }

    @Example
    void nonAsciiTextIsLeftToTheGeneratedLexer() {
        assertThat(AsciiLexer.accepts("allow username \"jos\u00e9\"")).isFalse();
        assertThat(AsciiLexer.accepts("allow username \"jose\"")).isTrue();
    }

    /** Every token, EOF included, as type, start, stop, line, column, channel and text. */
    private static List<String> tokens(String text, boolean ascii) {
        CharStream chars = CharStreams.fromString(text, "t.acl");
        TokenSource lexer;
        if (ascii) {
            lexer = new AsciiLexer(text, chars);
        } else {
            PolicyGrammarLexer generated = new PolicyGrammarLexer(chars);
            generated.removeErrorListeners();
            lexer = generated;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= text.length() + 1; i++) {
            Token t = lexer.nextToken();
            out.add(t.getType() + " " + t.getStartIndex() + ".." + t.getStopIndex() + " @" + t.getLine() + ":"
                    + t.getCharPositionInLine() + " ch" + t.getChannel() + " [" + t.getText() + "]");
            if (t.getType() == Token.EOF) {
                break;
            }
        }
        return out;
    }
}
