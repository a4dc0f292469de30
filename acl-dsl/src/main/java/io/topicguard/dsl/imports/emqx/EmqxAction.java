package io.topicguard.dsl.imports.emqx;

import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.imports.common.ImportReporter;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * EMQX actions: {@code publish}, {@code subscribe}, {@code all} (5.x), {@code pubsub} (4.x), and
 * 5.x's {@code {Action, [{qos, Q | [Q...]}, {retain, true | false | all}]}}.
 */
final class EmqxAction {

    /** @param actions never empty */
    record Parsed(Set<Action> actions, Qos qos, Retain retain) {
    }

    private final ImportReporter reporter;

    EmqxAction(ImportReporter reporter) {
        this.reporter = reporter;
    }

    /** The action and its options, or null after reporting what is wrong. */
    Parsed action(Term term) {
        if (term instanceof Term.Atom atom) {
            Set<Action> actions = actions(atom);
            return actions == null ? null : new Parsed(actions, Qos.ANY, Retain.ANY);
        }
        if (term instanceof Term.Tuple tuple && tuple.items().size() == 2 && tuple.items().get(0) instanceof Term.Atom atom
                && tuple.items().get(1) instanceof Term.ListTerm options) {
            Set<Action> actions = actions(atom);
            return actions == null ? null : options(actions, options.items());
        }
        reporter.error(term.line(), term.column(), "expected an action: publish, subscribe, all, pubsub or {publish, [{qos, 1}, {retain, false}]}; found "
                + Term.describe(term), null);
        return null;
    }

    private Set<Action> actions(Term.Atom atom) {
        return switch (atom.name()) {
            case "publish" -> EnumSet.of(Action.PUBLISH);
            case "subscribe" -> EnumSet.of(Action.SUBSCRIBE);
            case "all", "pubsub" -> EnumSet.allOf(Action.class);
            default -> {
                reporter.error(atom.line(), atom.column(), "unknown action '" + atom.name() + "'; expected publish, subscribe, all or pubsub", null);
                yield null;
            }
        };
    }

    private Parsed options(Set<Action> actions, List<Term> options) {
        Qos qos = Qos.ANY;
        Retain retain = Retain.ANY;
        for (Term option : options) {
            if (!(option instanceof Term.Tuple t) || t.items().size() != 2 || !(t.items().get(0) instanceof Term.Atom name)) {
                return fail(option, "expected an option {qos, ...} or {retain, ...}, found " + Term.describe(option));
            }
            Term value = t.items().get(1);
            if (name.name().equals("qos")) {
                qos = qos(value);
                if (qos == null) {
                    return null;
                }
            } else if (name.name().equals("retain")) {
                retain = retain(value);
                if (retain == null) {
                    return null;
                }
                if (retain != Retain.ANY && !actions.contains(Action.PUBLISH)) {
                    // Retain is a property of a published message; a subscription has none to compare.
                    reporter.warning(option.line(), option.column(), "a retain condition on a subscribe rule never matters; it is dropped", null);
                    retain = Retain.ANY;
                }
            } else {
                return fail(name, "unknown action option '" + name.name() + "'; expected qos or retain");
            }
        }
        return new Parsed(actions, qos, retain);
    }

    private Qos qos(Term value) {
        List<Term> levels = value instanceof Term.ListTerm list ? list.items() : List.of(value);
        if (levels.isEmpty()) {
            return fail(value, "{qos, []} lists no QoS level; write e.g. {qos, [0, 1]}");
        }
        int mask = 0;
        for (Term level : levels) {
            if (!(level instanceof Term.Int i) || !(i.digits().equals("0") || i.digits().equals("1") || i.digits().equals("2"))) {
                return fail(level, "a QoS is 0, 1 or 2, found " + Term.describe(level));
            }
            mask |= 1 << Integer.parseInt(i.digits());
        }
        return new Qos(mask);
    }

    private Retain retain(Term value) {
        if (value instanceof Term.Atom a) {
            switch (a.name()) {
                case "true":
                    return Retain.TRUE;
                case "false":
                    return Retain.FALSE;
                case "all":
                    return Retain.ANY;
                default:
                    break;
            }
        }
        return fail(value, "retain is true, false or all, found " + Term.describe(value));
    }

    private <T> T fail(Term at, String message) {
        reporter.error(at.line(), at.column(), message, null);
        return null;
    }
}
