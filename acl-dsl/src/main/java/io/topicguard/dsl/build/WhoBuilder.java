package io.topicguard.dsl.build;

import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.dsl.ast.Who;
import io.topicguard.dsl.check.IpLiterals;
import io.topicguard.dsl.check.Problem;
import io.topicguard.dsl.check.Regexes;
import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import io.topicguard.dsl.grammar.PolicyGrammarParser;
import io.topicguard.dsl.source.FileReporter;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds who-expressions (docs/language.md {@code who}), checking regexes with RE2/J and addresses as
 * literals. Returns null when a term had an error (already reported); the other terms are still
 * checked, so every problem of the statement is reported.
 */
final class WhoBuilder {

    static final Who ALL = new Who.All();
    static final Who ANONYMOUS = new Who.Anonymous();

    private final FileReporter reporter;

    WhoBuilder(FileReporter reporter) {
        this.reporter = reporter;
    }

    Who who(PolicyGrammarParser.WhoContext ctx) {
        List<PolicyGrammarParser.ConjunctionContext> parts = ctx.conjunction();
        if (parts.size() == 1) {
            return conjunction(parts.get(0));
        }
        List<Who> operands = new ArrayList<>(parts.size());
        boolean ok = true;
        for (PolicyGrammarParser.ConjunctionContext part : parts) {
            Who who = conjunction(part);
            ok &= who != null;
            operands.add(who);
        }
        return ok ? new Who.Or(operands) : null;
    }

    private Who conjunction(PolicyGrammarParser.ConjunctionContext ctx) {
        List<PolicyGrammarParser.UnaryContext> parts = ctx.unary();
        if (parts.size() == 1) {
            return unary(parts.get(0));
        }
        List<Who> operands = new ArrayList<>(parts.size());
        boolean ok = true;
        for (PolicyGrammarParser.UnaryContext part : parts) {
            Who who = unary(part);
            ok &= who != null;
            operands.add(who);
        }
        return ok ? new Who.And(operands) : null;
    }

    private Who unary(PolicyGrammarParser.UnaryContext ctx) {
        if (ctx instanceof PolicyGrammarParser.NotWhoContext not) {
            Who operand = unary(not.unary());
            return operand == null ? null : new Who.Not(operand);
        }
        if (ctx instanceof PolicyGrammarParser.ParenWhoContext paren) {
            return who(paren.who());
        }
        return term(((PolicyGrammarParser.TermWhoContext) ctx).term());
    }

    private Who term(PolicyGrammarParser.TermContext ctx) {
        if (ctx instanceof PolicyGrammarParser.AllTermContext) {
            return ALL;
        }
        if (ctx instanceof PolicyGrammarParser.AnonymousTermContext) {
            return ANONYMOUS;
        }
        if (ctx instanceof PolicyGrammarParser.AttributeTermContext attr) {
            return attributeTest(attribute(attr.attribute()), attr.attributeTest());
        }
        if (ctx instanceof PolicyGrammarParser.IpTermContext ip) {
            return ipTest(ip.ipTest());
        }
        String name = StringLiteral.decode(((PolicyGrammarParser.ListenerTermContext) ctx).STRING().getSymbol(), reporter);
        return name == null ? null : new Who.Listener(name);
    }

    private static Attribute attribute(PolicyGrammarParser.AttributeContext ctx) {
        return switch (ctx.name.getType()) {
            case PolicyGrammarLexer.USERNAME -> Attribute.USERNAME;
            case PolicyGrammarLexer.CLIENTID -> Attribute.CLIENTID;
            default -> Attribute.CN;
        };
    }

    private Who attributeTest(Attribute attribute, PolicyGrammarParser.AttributeTestContext ctx) {
        if (ctx instanceof PolicyGrammarParser.EqualsTestContext equals) {
            String value = StringLiteral.decode(equals.STRING().getSymbol(), reporter);
            return value == null ? null : new Who.Equals(attribute, value);
        }
        if (ctx instanceof PolicyGrammarParser.MatchesTestContext matches) {
            Token token = matches.STRING().getSymbol();
            String pattern = StringLiteral.decode(token, reporter);
            if (pattern == null) {
                return null;
            }
            Problem problem = Regexes.problem(pattern);
            if (problem != null) {
                Problems.report(reporter, token, problem);
                return null;
            }
            return new Who.Matches(attribute, pattern);
        }
        List<String> values = strings(((PolicyGrammarParser.InTestContext) ctx).stringList());
        return values == null ? null : new Who.In(attribute, values);
    }

    private Who ipTest(PolicyGrammarParser.IpTestContext ctx) {
        List<TerminalNode> strings = ctx instanceof PolicyGrammarParser.IpSingleContext single
                ? List.of(single.STRING())
                : ((PolicyGrammarParser.IpListContext) ctx).stringList().STRING();
        List<IpBlock> blocks = new ArrayList<>(strings.size());
        boolean ok = true;
        for (TerminalNode node : strings) {
            Token token = node.getSymbol();
            String text = StringLiteral.decode(token, reporter);
            if (text == null) {
                ok = false;
                continue;
            }
            IpLiterals.Result result = IpLiterals.parse(text);
            if (result instanceof IpLiterals.Parsed parsed) {
                blocks.add(parsed.block());
            } else {
                Problems.report(reporter, token, ((IpLiterals.Invalid) result).problem());
                ok = false;
            }
        }
        return ok ? new Who.Ip(blocks) : null;
    }

    private List<String> strings(PolicyGrammarParser.StringListContext ctx) {
        List<String> values = new ArrayList<>();
        boolean ok = true;
        for (TerminalNode node : ctx.STRING()) {
            String value = StringLiteral.decode(node.getSymbol(), reporter);
            ok &= value != null;
            values.add(value);
        }
        return ok ? values : null;
    }
}
