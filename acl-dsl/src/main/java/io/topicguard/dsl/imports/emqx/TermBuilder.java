package io.topicguard.dsl.imports.emqx;

import io.topicguard.dsl.grammar.EmqxAclParser;
import io.topicguard.dsl.imports.common.ImportReporter;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;

import java.util.ArrayList;
import java.util.List;

/** Turns the parse tree of one statement into a {@link Term}, decoding Erlang string escapes. */
final class TermBuilder {

    private final ImportReporter reporter;

    TermBuilder(ImportReporter reporter) {
        this.reporter = reporter;
    }

    /** Whether ANTLR had to repair {@code tree}: such a statement was already reported and is not read. */
    static boolean damaged(ParseTree tree) {
        if (tree instanceof ErrorNode) {
            return true;
        }
        if (tree instanceof ParserRuleContext ctx && ctx.exception != null) {
            return true;
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            if (damaged(tree.getChild(i))) {
                return true;
            }
        }
        return false;
    }

    /** The term, or null when a string in it had a bad escape (reported). */
    Term build(EmqxAclParser.TermContext ctx) {
        Token start = ctx.getStart();
        int line = start.getLine();
        int column = start.getCharPositionInLine() + 1;
        if (ctx instanceof EmqxAclParser.TupleTermContext tuple) {
            List<Term> items = items(tuple.term());
            return items == null ? null : new Term.Tuple(items, line, column);
        }
        if (ctx instanceof EmqxAclParser.ListTermContext list) {
            List<Term> items = items(list.term());
            return items == null ? null : new Term.ListTerm(items, line, column);
        }
        if (ctx instanceof EmqxAclParser.QuotedAtomTermContext atom) {
            String value = decode(atom.QUOTED_ATOM().getSymbol());
            return value == null ? null : new Term.Atom(value, line, column);
        }
        if (ctx instanceof EmqxAclParser.StringTermContext string) {
            return str(string.STRING().getSymbol());
        }
        if (ctx instanceof EmqxAclParser.BinaryTermContext binary) {
            return str(binary.STRING().getSymbol());
        }
        if (ctx instanceof EmqxAclParser.IntTermContext) {
            return new Term.Int(ctx.getText(), line, column);
        }
        return new Term.Atom(ctx.getText(), line, column);
    }

    private List<Term> items(List<EmqxAclParser.TermContext> contexts) {
        List<Term> items = new ArrayList<>(contexts.size());
        for (EmqxAclParser.TermContext item : contexts) {
            Term term = build(item);
            if (term == null) {
                return null;
            }
            items.add(term);
        }
        return items;
    }

    private Term str(Token token) {
        String value = decode(token);
        return value == null ? null
                : new Term.Str(value, token.getLine(), token.getCharPositionInLine() + 1, token.getCharPositionInLine() + 2);
    }

    /**
     * The text between the quotes with Erlang's escapes decoded: {@code \n \t \r \s \e \b \f \v \d},
     * {@code \\xHH}, {@code \\x{H...}}, octal {@code \\NNN}, and a backslash before any other
     * character standing for that character.
     */
    private String decode(Token token) {
        String raw = token.getText();
        int end = raw.length() - 1;
        StringBuilder out = new StringBuilder(end);
        for (int i = 1; i < end; i++) {
            char c = raw.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 's' -> out.append(' ');
                case 'e' -> out.append('\u001B');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000B');
                case 'd' -> out.append('\u007F');
                case 'x' -> {
                    int consumed = hex(raw, i + 1, end, out);
                    if (consumed < 0) {
                        int lineBreak = raw.lastIndexOf('\n', i - 2);
                        int line = token.getLine() + (int) raw.chars().limit(i - 1).filter(ch -> ch == '\n').count();
                        int column = lineBreak < 0 ? token.getCharPositionInLine() + 1 + raw.codePointCount(0, i - 1)
                                : raw.codePointCount(lineBreak + 1, i - 1) + 1; // the string spans lines: count from the last break
                        reporter.error(line, column, "bad \\x escape in a string", "write \\xHH with two hex digits, or \\x{HHHH}");
                        return null;
                    }
                    i += consumed;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        int digits = 1;
                        while (digits < 3 && i + 1 < end && raw.charAt(i + 1) >= '0' && raw.charAt(i + 1) <= '7') {
                            value = value * 8 + raw.charAt(++i) - '0';
                            digits++;
                        }
                        out.append((char) value);
                    } else {
                        out.append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Decodes the digits after {@code \x}; returns how many characters were consumed, or -1. */
    private static int hex(String raw, int from, int end, StringBuilder out) {
        if (from < end && raw.charAt(from) == '{') {
            int close = raw.indexOf('}', from);
            if (close < 0 || close >= end || close == from + 1 || close - from > 7) {
                return -1;
            }
            int value = parseHex(raw, from + 1, close);
            if (value < 0 || !Character.isValidCodePoint(value)) {
                return -1;
            }
            out.appendCodePoint(value);
            return close - from + 1;
        }
        if (from + 2 > end) {
            return -1;
        }
        int value = parseHex(raw, from, from + 2);
        if (value < 0) {
            return -1;
        }
        out.append((char) value);
        return 2;
    }

    private static int parseHex(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(s.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
