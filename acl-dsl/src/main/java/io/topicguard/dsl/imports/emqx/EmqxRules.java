package io.topicguard.dsl.imports.emqx;

import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Effect;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Setting;
import io.topicguard.dsl.ast.SettingStatement;
import io.topicguard.dsl.ast.SourcePosition;
import io.topicguard.dsl.ast.Statement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.dsl.ast.Who;
import io.topicguard.dsl.imports.common.ImportReporter;

import java.util.EnumSet;
import java.util.List;

/**
 * Gives acl.conf terms their meaning. EMQX decides by the first rule whose who, action and topic
 * match, as topicguard does, so rules keep their order. {@code {allow, all}} / {@code {deny, all}}
 * as the last rule becomes {@code default allow|deny}; elsewhere a rule for every client, action
 * and topic.
 */
final class EmqxRules {

    /** One statement's text and where it starts, for the AST. */
    record Source(SourcePosition position, String text, boolean last) {
    }

    private final ImportReporter reporter;
    private final EmqxWho whos;
    private final EmqxAction actions;
    private final EmqxTopics topics;

    EmqxRules(ImportReporter reporter) {
        this.reporter = reporter;
        this.whos = new EmqxWho(reporter);
        this.actions = new EmqxAction(reporter);
        this.topics = new EmqxTopics(reporter);
    }

    /** The statement, or null when the term is not a rule (reported) or matches nothing (warned). */
    Statement statement(Term term, Source source) {
        if (!(term instanceof Term.Tuple tuple) || (tuple.items().size() != 2 && tuple.items().size() != 4)) {
            return fail(term, "expected a rule {allow|deny, WHO, ACTION, TOPICS} or {allow|deny, all}, found " + Term.describe(term));
        }
        List<Term> items = tuple.items();
        Effect effect = effect(items.get(0));
        if (effect == null) {
            return null;
        }
        if (items.size() == 2) {
            if (!(items.get(1) instanceof Term.Atom all) || !all.name().equals("all")) {
                return fail(items.get(1), "a two-element rule is {" + effect.name().toLowerCase(java.util.Locale.ROOT)
                        + ", all}; found " + Term.describe(items.get(1)));
            }
            if (source.last()) {
                return new SettingStatement(effect == Effect.ALLOW ? Setting.DEFAULT_ALLOW : Setting.DEFAULT_DENY,
                        source.position(), source.text());
            }
            return new RuleStatement(effect, new Who.All(), EnumSet.allOf(Action.class), List.of(new Topic.Any(source.position())),
                    Qos.ANY, Retain.ANY, source.position(), source.text());
        }
        Who who = whos.who(items.get(1));
        EmqxAction.Parsed action = actions.action(items.get(2));
        List<Topic> topicList = topics.topics(items.get(3));
        if (who == null || action == null || topicList == null) {
            return null;
        }
        if (topicList.isEmpty()) {
            reporter.warning(items.get(3).line(), items.get(3).column(), "a rule with no topics matches nothing; it is skipped", null);
            return null;
        }
        if (action.actions().contains(Action.SUBSCRIBE)) {
            warnFilterAgainstFilter(effect, topicList);
        }
        return new RuleStatement(effect, who, action.actions(), topicList, action.qos(), action.retain(), source.position(), source.text());
    }

    /**
     * EMQX matches a SUBSCRIBE's filter against a rule's filter as if the subscription were a topic
     * name, so rule "a/+" also decides a subscription to "a/#" as a whole: an allow then delivers
     * all of a/#, a deny refuses all of it. topicguard decides such a subscription in part
     * (docs/semantics.md, Deliver) and delivers exactly the topics the rules allow; the operator should know.
     */
    private void warnFilterAgainstFilter(Effect effect, List<Topic> topicList) {
        for (Topic topic : topicList) {
            if (topic instanceof Topic.Filter filter && ("/" + filter.filter() + "/").contains("/+/")) {
                String wider = filter.filter().substring(0, filter.filter().indexOf('+')) + "#";
                SourcePosition p = filter.position();
                if (effect == Effect.ALLOW) {
                    reporter.warning(p.line(), p.column(), "EMQX also grants subscribing to \"" + wider + "\" under \"" + filter.filter()
                            + "\" and then delivers everything below it; topicguard grants that subscription only in part and delivers only topics \""
                            + filter.filter() + "\" matches", "add a rule for \"" + wider + "\" if the wider subscription was meant");
                } else {
                    reporter.warning(p.line(), p.column(), "EMQX also refuses a subscription to \"" + wider + "\" under \"" + filter.filter()
                            + "\" as a whole; topicguard refuses only the topics \"" + filter.filter()
                            + "\" matches and lets later rules decide the rest of \"" + wider + "\"",
                            "add a deny for \"" + wider + "\" if the whole subscription must be refused");
                }
            }
        }
    }

    private Effect effect(Term term) {
        if (term instanceof Term.Atom atom) {
            if (atom.name().equals("allow")) {
                return Effect.ALLOW;
            }
            if (atom.name().equals("deny")) {
                return Effect.DENY;
            }
        }
        return fail(term, "a rule starts with allow or deny, found " + Term.describe(term));
    }

    private <T> T fail(Term at, String message) {
        reporter.error(at.line(), at.column(), message, null);
        return null;
    }
}
