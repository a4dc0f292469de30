package io.topicguard.dsl.build;

import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.dsl.ast.Who;
import io.topicguard.dsl.check.IpLiterals;
import io.topicguard.dsl.check.Problem;
import io.topicguard.dsl.check.Regexes;
import io.topicguard.dsl.grammar.PolicyLexer;
import io.topicguard.dsl.grammar.PolicyParser;
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

    Who who(PolicyParser.WhoContext ctx) {
        List<PolicyParser.ConjunctionContext> parts = ctx.conjunction();
        if (parts.size() == 1) {
            return conjunction(parts.get(0));
        }
        List<Who> operands = new ArrayList<>(parts.size());
        boolean ok = true;
        for (PolicyParser.ConjunctionContext part : parts) {
            Who who = conjunction(part);
            ok &= who != null;
            operands.add(who);
        }
        return ok ? new Who.Or(operands) : null;
    }

    private Who conjunction(PolicyParser.ConjunctionContext ctx) {
        List<PolicyParser.UnaryContext> parts = ctx.unary();
        if (parts.size() == 1) {
            return unary(parts.get(0));
        }
        List<Who> operands = new ArrayList<>(parts.size());
        boolean ok = true;
        for (PolicyParser.UnaryContext part : parts) {
            Who who = unary(part);
            ok &= who != null;
            operands.add(who);
        }
        return ok ? new Who.And(operands) : null;
    }

    private Who unary(PolicyParser.UnaryContext ctx) {
        if (ctx instanceof PolicyParser.NotWhoContext not) {
            Who operand = unary(not.unary());
            return operand == null ? null : new Who.Not(operand);
        }
        if (ctx instanceof PolicyParser.ParenWhoContext paren) {
            return who(paren.who());
        }
        return term(((PolicyParser.TermWhoContext) ctx).term());
    }

    private Who term(PolicyParser.TermContext ctx) {
        if (ctx instanceof PolicyParser.AllTermContext) {
            return ALL;
        }
        if (ctx instanceof PolicyParser.AnonymousTermContext) {
            return ANONYMOUS;
        }
        if (ctx instanceof PolicyParser.AttributeTermContext attr) {
            return attributeTest(attribute(attr.attribute()), attr.attributeTest());
        }
        if (ctx instanceof PolicyParser.IpTermContext ip) {
            return ipTest(ip.ipTest());
        }
        String name = StringLiteral.decode(((PolicyParser.ListenerTermContext) ctx).STRING().getSymbol(), reporter);
        return name == null ? null : new Who.Listener(name);
    }

    private static Attribute attribute(PolicyParser.AttributeContext ctx) {
        return switch (ctx.name.getType()) {
            case PolicyLexer.USERNAME -> Attribute.USERNAME;
            case PolicyLexer.CLIENTID -> Attribute.CLIENTID;
            default -> Attribute.CN;
        };
    }

    private Who attributeTest(Attribute attribute, PolicyParser.AttributeTestContext ctx) {
        if (ctx instanceof PolicyParser.EqualsTestContext equals) {
            String value = StringLiteral.decode(equals.STRING().getSymbol(), reporter);
            return value == null ? null : new Who.Equals(attribute, value);
        }
        if (ctx instanceof PolicyParser.MatchesTestContext matches) {
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
        List<String> values = strings(((PolicyParser.InTestContext) ctx).stringList());
        return values == null ? null : new Who.In(attribute, values);
    }

    private Who ipTest(PolicyParser.IpTestContext ctx) {
        List<TerminalNode> strings = ctx instanceof PolicyParser.IpSingleContext single
                ? List.of(single.STRING())
                : ((PolicyParser.IpListContext) ctx).stringList().STRING();
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

    private List<String> strings(PolicyParser.StringListContext ctx) {
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
