package io.topicguard.dsl.build;

import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.grammar.PolicyGrammarLexer;
import io.topicguard.dsl.grammar.PolicyGrammarParser;
import io.topicguard.dsl.source.FileReporter;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.List;
import java.util.Set;

/** Builds a rule's {@code qos} and {@code retain} options and checks them (docs/language.md, Errors). */
final class OptionBuilder {

    /** A rule's options; null fields were invalid (reported). */
    record Options(Qos qos, Retain retain, boolean ok) {
    }

    /** Qos values are shared: there are only seven. */
    private static final Qos[] QOS_BY_MASK = new Qos[8];

    static {
        for (int mask = 1; mask < QOS_BY_MASK.length; mask++) {
            QOS_BY_MASK[mask] = new Qos(mask);
        }
    }

    private final FileReporter reporter;

    OptionBuilder(FileReporter reporter) {
        this.reporter = reporter;
    }

    Options options(List<PolicyGrammarParser.OptionContext> options, Set<Action> actions) {
        Qos qos = Qos.ANY;
        Retain retain = Retain.ANY;
        Token qosSeen = null;
        Token retainSeen = null;
        boolean ok = true;
        for (PolicyGrammarParser.OptionContext option : options) {
            if (option instanceof PolicyGrammarParser.QosOptionContext q) {
                Token keyword = q.QOS().getSymbol();
                if (qosSeen != null) {
                    reporter.error(keyword, "'qos' is given twice in one rule (first at column "
                            + (qosSeen.getCharPositionInLine() + 1) + ")", "list every level once: qos 0, 1");
                    ok = false;
                    continue;
                }
                qosSeen = keyword;
                Qos levels = levels(q.qosLevels());
                if (levels == null) {
                    ok = false;
                } else {
                    qos = levels;
                }
            } else {
                PolicyGrammarParser.RetainOptionContext r = (PolicyGrammarParser.RetainOptionContext) option;
                Token keyword = r.RETAIN().getSymbol();
                if (retainSeen != null) {
                    reporter.error(keyword, "'retain' is given twice in one rule (first at column "
                            + (retainSeen.getCharPositionInLine() + 1) + ")", "keep one 'retain true' or 'retain false'");
                    ok = false;
                    continue;
                }
                retainSeen = keyword;
                if (!actions.contains(Action.PUBLISH)) {
                    // The retain flag exists only on PUBLISH; docs/semantics.md, Deliver says it does not apply to delivery.
                    reporter.error(keyword, "'retain' applies only to publishing, and this rule's only action is 'subscribe'",
                            "remove the retain option, or add 'publish' to the actions");
                    ok = false;
                    continue;
                }
                retain = r.value.getType() == PolicyGrammarLexer.TRUE ? Retain.TRUE : Retain.FALSE;
            }
        }
        return new Options(qos, retain, ok);
    }

    private Qos levels(PolicyGrammarParser.QosLevelsContext ctx) {
        if (ctx instanceof PolicyGrammarParser.QosRangeContext range) {
            Token from = range.INT(0).getSymbol();
            Token to = range.INT(1).getSymbol();
            int low = level(from);
            int high = level(to);
            if (low < 0 || high < 0) {
                return null;
            }
            if (low > high) {
                reporter.error(from, "empty QoS range " + low + ".." + high,
                        "write the lower level first: qos " + high + ".." + low);
                return null;
            }
            int mask = 0;
            for (int level = low; level <= high; level++) {
                mask |= 1 << level;
            }
            return QOS_BY_MASK[mask];
        }
        int mask = 0;
        boolean ok = true;
        for (TerminalNode node : ((PolicyGrammarParser.QosListContext) ctx).INT()) {
            int level = level(node.getSymbol());
            if (level < 0) {
                ok = false;
            } else {
                mask |= 1 << level;
            }
        }
        return ok ? QOS_BY_MASK[mask] : null;
    }

    /** The level written at {@code token}, or -1 after reporting it is not 0, 1 or 2. */
    private int level(Token token) {
        String text = token.getText();
        if (text.length() == 1 && text.charAt(0) <= '2') {
            return text.charAt(0) - '0';
        }
        reporter.error(token, "QoS must be 0, 1 or 2, got " + (text.length() > 12 ? text.substring(0, 12) + "..." : text), null);
        return -1;
    }
}
