package io.topicguard.dsl.imports.emqx;

import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.dsl.ast.Who;
import io.topicguard.dsl.check.IpLiterals;
import io.topicguard.dsl.check.Problem;
import io.topicguard.dsl.check.Regexes;
import io.topicguard.dsl.imports.common.ImportReporter;

import java.util.ArrayList;
import java.util.List;

/**
 * EMQX who-terms: {@code all}, {@code {user|username, S}}, {@code {client|clientid, S}} (S a string
 * or {@code {re, Pattern}}), {@code {ipaddr, CIDR}}, {@code {ipaddrs, [...]}}, {@code {'and', [...]}},
 * {@code {'or', [...]}}. A regular expression is a search, as EMQX's {@code re:run} is; it must be
 * one RE2 can run (no back-references or look-arounds).
 */
final class EmqxWho {

    private static final String SHAPES = "all, {username, \"...\"}, {clientid, \"...\"}, {username, {re, \"...\"}}, "
            + "{ipaddr, \"CIDR\"}, {ipaddrs, [...]}, {'and', [...]} or {'or', [...]}";

    private final ImportReporter reporter;

    EmqxWho(ImportReporter reporter) {
        this.reporter = reporter;
    }

    /** The who-expression, or null after reporting why {@code term} is not one. */
    Who who(Term term) {
        if (term instanceof Term.Atom atom && atom.name().equals("all")) {
            return new Who.All();
        }
        if (!(term instanceof Term.Tuple tuple) || tuple.items().size() != 2 || !(tuple.items().get(0) instanceof Term.Atom kind)) {
            return fail(term, "expected a who: " + SHAPES + "; found " + Term.describe(term));
        }
        Term value = tuple.items().get(1);
        return switch (kind.name()) {
            case "user", "username" -> attribute(Attribute.USERNAME, value);
            case "client", "clientid" -> attribute(Attribute.CLIENTID, value);
            case "ipaddr" -> ip(List.of(value));
            case "ipaddrs" -> value instanceof Term.ListTerm list && !list.items().isEmpty()
                    ? ip(list.items()) : fail(value, "{ipaddrs, ...} needs a non-empty list of addresses, e.g. [\"10.0.0.0/8\"]");
            case "and", "or" -> combination(kind.name(), value);
            default -> fail(kind, "unknown who '" + kind.name() + "'; expected " + SHAPES);
        };
    }

    private Who attribute(Attribute attribute, Term value) {
        if (value instanceof Term.Str s) {
            return new Who.Equals(attribute, s.value());
        }
        if (value instanceof Term.Tuple re && re.items().size() == 2 && re.items().get(0) instanceof Term.Atom a
                && a.name().equals("re") && re.items().get(1) instanceof Term.Str pattern) {
            Problem problem = Regexes.problem(pattern.value());
            if (problem != null) {
                int column = problem.offset() < 0 ? pattern.column() : pattern.columnAt(problem.offset());
                reporter.error(pattern.line(), column, problem.message() + " (topicguard runs regular expressions with RE2)",
                        "RE2 has no back-references or look-arounds; rewrite the pattern without them");
                return null;
            }
            return new Who.Matches(attribute, pattern.value());
        }
        return fail(value, "expected a string or {re, \"pattern\"} for the " + attribute.keyword() + ", found " + Term.describe(value));
    }

    private Who ip(List<Term> addresses) {
        List<IpBlock> blocks = new ArrayList<>();
        boolean ok = true;
        for (Term term : addresses) {
            if (!(term instanceof Term.Str s)) {
                fail(term, "expected an address or CIDR string such as \"10.0.0.0/8\", found " + Term.describe(term));
                ok = false;
                continue;
            }
            IpLiterals.Result parsed = IpLiterals.parse(s.value());
            if (parsed instanceof IpLiterals.Invalid invalid) {
                reporter.error(s.line(), s.column(), invalid.problem().message(), invalid.problem().hint());
                ok = false;
            } else {
                blocks.add(((IpLiterals.Parsed) parsed).block());
            }
        }
        return ok ? new Who.Ip(blocks) : null;
    }

    private Who combination(String kind, Term value) {
        if (!(value instanceof Term.ListTerm list) || list.items().isEmpty()) {
            return fail(value, "{'" + kind + "', ...} needs a non-empty list of whos");
        }
        List<Who> operands = new ArrayList<>();
        for (Term item : list.items()) {
            Who who = who(item);
            if (who == null) {
                return null;
            }
            operands.add(who);
        }
        if (operands.size() == 1) {
            return operands.get(0);
        }
        return kind.equals("and") ? new Who.And(operands) : new Who.Or(operands);
    }

    private Who fail(Term at, String message) {
        reporter.error(at.line(), at.column(), message, null);
        return null;
    }
}
