package io.topicguard.dsl.syntax;

import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;

/** Names tokens and sets of expected tokens in words, for syntax errors that read like English. */
final class TokenWords {

    private static final Vocabulary VOCABULARY = PolicyGrammarLexer.VOCABULARY;
    private static final int SHOWN_TEXT = 30;

    private TokenWords() {
    }

    /** Every keyword of the language, for did-you-mean hints. */
    static List<String> keywords() {
        List<String> out = new ArrayList<>();
        for (int type = 1; type <= VOCABULARY.getMaxTokenType(); type++) {
            String literal = VOCABULARY.getLiteralName(type);
            if (literal != null && Character.isLetter(literal.charAt(1))) {
                out.add(literal.substring(1, literal.length() - 1));
            }
        }
        return out;
    }

    /** The keywords among {@code expected}, for did-you-mean hints that fit the position. */
    static List<String> keywords(IntervalSet expected) {
        List<String> out = new ArrayList<>();
        for (int type : expected.toList()) {
            String literal = type > 0 ? VOCABULARY.getLiteralName(type) : null;
            if (literal != null && Character.isLetter(literal.charAt(1))) {
                out.add(literal.substring(1, literal.length() - 1));
            }
        }
        return out;
    }

    /** What may come at a position, e.g. {@code 'allow' or 'deny'}, or {@code a topic string}. */
    static String expected(IntervalSet set) {
        if (set.contains(PolicyGrammarLexer.DEFAULT) && set.contains(PolicyGrammarLexer.SUPERUSER)) {
            return "a statement ('allow', 'deny', 'superuser', 'ban', 'include', 'client rules' or a setting)";
        }
        if (set.contains(PolicyGrammarLexer.NOT) && set.contains(PolicyGrammarLexer.LPAREN)) {
            return "a who-expression (all, anonymous, username, clientid, cn, ip, listener, not or '(')";
        }
        if (set.contains(PolicyGrammarLexer.PUBLISH) && set.contains(PolicyGrammarLexer.SUBSCRIBE)) {
            return "an action ('publish', 'subscribe' or 'all')";
        }
        if (set.contains(PolicyGrammarLexer.EQ) && set.contains(PolicyGrammarLexer.ANY)) {
            return "a topic string";
        }
        List<String> words = new ArrayList<>();
        boolean end = false;
        for (int type : set.toList()) {
            if (type == Token.EOF) {
                end = true;
            } else {
                words.add(word(type));
            }
        }
        if (end) {
            words.add("the end of the statement");
        }
        return joinOr(words);
    }

    /** A token type in words: {@code 'allow'}, {@code a string}, {@code a number}. */
    static String word(int type) {
        return switch (type) {
            case PolicyGrammarLexer.STRING -> "a string";
            case PolicyGrammarLexer.INT -> "a number";
            case Token.EOF -> "the end of the statement";
            default -> {
                String literal = VOCABULARY.getLiteralName(type);
                yield literal != null ? literal : VOCABULARY.getDisplayName(type);
            }
        };
    }

    /** A token as found in the input, quoted and shortened: {@code 'qos'}, {@code "devices/+/up"}. */
    static String shown(Token token) {
        if (token.getType() == Token.EOF) {
            return "the end of the statement";
        }
        String text = token.getText();
        if (text.length() > SHOWN_TEXT) {
            text = text.substring(0, SHOWN_TEXT) + "...";
        }
        return token.getType() == PolicyGrammarLexer.STRING ? text : "'" + text + "'";
    }

    static String joinOr(List<String> words) {
        if (words.size() <= 1) {
            return words.isEmpty() ? "something else" : words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
