package io.topicguard.dsl.syntax;

import io.topicguard.dsl.check.Clip;
import io.topicguard.dsl.check.Suggestions;
import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import io.topicguard.dsl.syntax.ReportingErrorStrategy.Message;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.List;
import java.util.Locale;

/**
 * Words a syntax error: what was expected, after what, what was found, and a hint where the fix
 * is obvious (docs/language.md, Errors: "expected a topic string after 'to publish'").
 */
final class SyntaxMessages {

    private static final List<String> KEYWORDS = TokenWords.keywords();

    private SyntaxMessages() {
    }

    /**
     * @param tokens    the statement's tokens, ending with its EOF
     * @param offending index of the token the parser stopped at
     */
    static Message describe(List<Token> tokens, int offending, IntervalSet expected) {
        Token found = tokens.get(offending);
        switch (found.getType()) {
            case PolicyGrammarLexer.UNEXPECTED:
                return unexpectedCharacter(found.getText());
            case PolicyGrammarLexer.UNTERMINATED_STRING:
                return new Message("unterminated string: no closing '\"' on this line",
                        "a string ends on the line it starts; write a line break inside it as \\n");
            default:
                break;
        }
        String what = TokenWords.expected(expected);
        String text = "expected " + what + (offending > 0 ? " after '" + context(tokens, offending) + "'" : "");
        if (found.getType() == PolicyGrammarLexer.WORD) {
            return new Message(text + ", found unknown word '" + Clip.of(found.getText()) + "'",
                    wordHint(found.getText(), expected));
        }
        if (found.getType() != Token.EOF) {
            text += ", found " + TokenWords.shown(found);
        }
        return new Message(text, hint(found, expected));
    }

    private static Message unexpectedCharacter(String c) {
        int cp = c.codePointAt(0);
        String shown = Character.isISOControl(cp) || Character.isWhitespace(cp) || !Character.isDefined(cp)
                || cp == 0xFFFD ? String.format(Locale.ROOT, "U+%04X", cp) : cp == '\'' ? "\"'\"" : "'" + c + "'";
        String hint = switch (c) {
            case "'" -> "strings are written in double quotes: \"...\"";
            case "/", "+", "$", "*" -> "topics are written in double quotes, e.g. \"devices/+/up\"";
            case "=" -> "compare with a string directly: username \"alice\"";
            case "." -> "a QoS range is written qos 0..1";
            default -> null;
        };
        return new Message("unexpected character " + shown, hint);
    }

    /** The words the error comes after: the previous token, or {@code to publish, subscribe} for actions. */
    private static String context(List<Token> tokens, int offending) {
        Token previous = tokens.get(offending - 1);
        for (int i = offending - 1; i >= 0 && i >= offending - 20; i--) {
            int type = tokens.get(i).getType();
            if (type == PolicyGrammarLexer.TO) {
                return joined(tokens, i, offending);
            }
            if (type != PolicyGrammarLexer.PUBLISH && type != PolicyGrammarLexer.SUBSCRIBE && type != PolicyGrammarLexer.ALL
                    && type != PolicyGrammarLexer.COMMA) {
                break;
            }
        }
        if (previous.getType() == PolicyGrammarLexer.DENY && offending >= 2 && tokens.get(offending - 2).getType() == PolicyGrammarLexer.ON) {
            return "on deny";
        }
        String shown = TokenWords.shown(previous);
        return shown.startsWith("'") ? shown.substring(1, shown.length() - 1) : shown;
    }

    private static String joined(List<Token> tokens, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            if (out.length() > 0 && t.getType() != PolicyGrammarLexer.COMMA) {
                out.append(' ');
            }
            out.append(t.getText());
        }
        return out.toString();
    }

    private static String wordHint(String word, IntervalSet expected) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (!lower.equals(word) && KEYWORDS.contains(lower)) {
            return "keywords are lower case: '" + lower + "'";
        }
        String suggestion = Suggestions.closest(word, TokenWords.keywords(expected));
        if (suggestion == null) {
            suggestion = Suggestions.closest(word, KEYWORDS);
        }
        if (suggestion != null) {
            return "did you mean '" + suggestion + "'?";
        }
        if (expected.contains(PolicyGrammarLexer.STRING)) {
            return "names and topics are written in double quotes, e.g. \"" + Clip.of(word) + "\"";
        }
        return null;
    }

    private static String hint(Token found, IntervalSet expected) {
        int type = found.getType();
        if (expected.contains(PolicyGrammarLexer.TO) && (type == PolicyGrammarLexer.PUBLISH || type == PolicyGrammarLexer.SUBSCRIBE)) {
            return "write 'to' before the actions, e.g. allow all to publish \"a/b\"";
        }
        if (type == PolicyGrammarLexer.TO && !expected.contains(PolicyGrammarLexer.TO)) {
            return "only allow and deny rules have a 'to' clause; superuser and ban statements cover every action and topic";
        }
        if (expected.contains(PolicyGrammarLexer.EQ) && expected.contains(PolicyGrammarLexer.ANY)) {
            return "write the topic in double quotes, e.g. \"devices/+/up\" (or eq \"...\" for a literal, any for every topic)";
        }
        if (expected.contains(PolicyGrammarLexer.COMMA) && type == PolicyGrammarLexer.STRING) {
            return "separate list entries with ','";
        }
        if (expected.contains(PolicyGrammarLexer.INT) && type == PolicyGrammarLexer.EOF) {
            return "QoS levels are 0, 1 or 2, e.g. qos 0..1 or qos 0, 2";
        }
        return null;
    }
}
