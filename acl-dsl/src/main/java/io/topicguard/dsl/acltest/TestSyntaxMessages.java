package io.topicguard.dsl.acltest;

import io.topicguard.dsl.check.Clip;
import io.topicguard.dsl.check.Suggestions;
import io.topicguard.dsl.grammar.AclTestGrammarLexer;
import io.topicguard.dsl.syntax.ReportingErrorStrategy.Message;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Words a syntax error of a test file: what was expected, after what, what was found, and a hint. */
final class TestSyntaxMessages {

    private static final Vocabulary VOCABULARY = AclTestGrammarLexer.VOCABULARY;
    private static final List<String> KEYWORDS = keywords(null);
    private static final int SHOWN_TEXT = 30;

    private TestSyntaxMessages() {
    }

    /**
     * @param tokens    the expectation's tokens, ending with its EOF
     * @param offending index of the token the parser stopped at
     */
    static Message describe(List<Token> tokens, int offending, IntervalSet expected) {
        Token found = tokens.get(offending);
        if (found.getType() == AclTestGrammarLexer.UNEXPECTED) {
            String c = found.getText();
            return new Message("unexpected character " + (c.equals("'") ? "\"'\"" : "'" + c + "'"),
                    c.equals("'") ? "strings are written in double quotes: \"...\"" : null);
        }
        if (found.getType() == AclTestGrammarLexer.UNTERMINATED_STRING) {
            return new Message("unterminated string: no closing '\"' on this line",
                    "a string ends on the line it starts; write a line break inside it as \\n");
        }
        String text = "expected " + expected(expected) + (offending > 0 ? " after '" + shown(tokens.get(offending - 1), false) + "'" : "");
        if (found.getType() != Token.EOF) {
            text += ", found " + (found.getType() == AclTestGrammarLexer.WORD ? "unknown word " : "") + shown(found, true);
        }
        return new Message(text, hint(found, expected, offending == 0));
    }

    private static String expected(IntervalSet set) {
        if (set.contains(AclTestGrammarLexer.USERNAME) && set.contains(AclTestGrammarLexer.CONNECT)) {
            return "a client attribute (username, clientid, cn, ip, listener or anonymous) or a question (connect, publish or subscribe)";
        }
        List<String> words = new ArrayList<>();
        boolean end = false;
        for (int type : set.toList()) {
            if (type == Token.EOF) {
                end = true;
            } else if (type == AclTestGrammarLexer.STRING) {
                words.add("a string");
            } else if (type == AclTestGrammarLexer.INT) {
                words.add("a number");
            } else {
                words.add(VOCABULARY.getLiteralName(type));
            }
        }
        if (end) {
            words.add("the next 'expect'");
        }
        if (words.size() <= 1) {
            return words.isEmpty() ? "something else" : words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** A token as found: {@code 'qos'}, {@code "a/b"}; quoted only when {@code quote} (the "after" part quotes itself). */
    private static String shown(Token token, boolean quote) {
        String text = token.getText();
        if (text.length() > SHOWN_TEXT) {
            text = text.substring(0, SHOWN_TEXT) + "...";
        }
        return quote && token.getType() != AclTestGrammarLexer.STRING ? "'" + text + "'" : text;
    }

    private static @Nullable String hint(Token found, IntervalSet expected, boolean first) {
        if (first) {
            return "every expectation starts with 'expect', e.g. expect allow username \"alice\" publish \"a/b\"";
        }
        if (found.getType() == AclTestGrammarLexer.WORD) {
            String word = found.getText();
            String lower = word.toLowerCase(Locale.ROOT);
            if (!lower.equals(word) && KEYWORDS.contains(lower)) {
                return "keywords are lower case: '" + lower + "'";
            }
            String suggestion = Suggestions.closest(word, keywords(expected));
            if (suggestion != null) {
                return "did you mean '" + suggestion + "'?";
            }
            if (expected.contains(AclTestGrammarLexer.STRING)) {
                return "names and topics are written in double quotes, e.g. \"" + Clip.of(word) + "\"";
            }
        }
        if (found.getType() == AclTestGrammarLexer.QOS || found.getType() == AclTestGrammarLexer.RETAIN) {
            return "qos belongs after publish or subscribe, retain after publish";
        }
        return null;
    }

    /** The keywords among {@code expected}, or every keyword when it is null. */
    private static List<String> keywords(@Nullable IntervalSet expected) {
        List<String> out = new ArrayList<>();
        for (int type = 1; type <= VOCABULARY.getMaxTokenType(); type++) {
            String literal = VOCABULARY.getLiteralName(type);
            if (literal != null && Character.isLetter(literal.charAt(1)) && (expected == null || expected.contains(type))) {
                out.add(literal.substring(1, literal.length() - 1));
            }
        }
        return out;
    }
}
