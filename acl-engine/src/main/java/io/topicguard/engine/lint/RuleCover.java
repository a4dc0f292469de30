package io.topicguard.engine.lint;

import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Retain;
import io.topicguard.dsl.ast.RuleStatement;
import io.topicguard.dsl.ast.Topic;
import io.topicguard.engine.trie.Containment;

/**
 * "Rule A always decides before rule B could": A comes first, applies to every client B applies to,
 * to each of B's actions with at least B's options, and each of B's topics is covered by one of
 * A's. Then B never decides a publish or a delivery (docs/semantics.md, Publish and Deliver), whatever the effects.
 */
final class RuleCover {

    private RuleCover() {
    }

    static boolean covers(RuleStatement earlier, RuleStatement later) {
        if (!WhoAnalysis.covers(earlier.who(), later.who())) {
            return false;
        }
        if ((later.qos().mask() & ~earlier.qos().mask()) != 0) {
            return false;
        }
        for (Action action : later.actions()) {
            if (!earlier.actions().contains(action)) {
                return false;
            }
            // Retain options do not apply to subscriptions (docs/semantics.md, Subscribe).
            if (action == Action.PUBLISH && earlier.retain() != Retain.ANY && earlier.retain() != later.retain()) {
                return false;
            }
        }
        for (Topic topic : later.topics()) {
            if (earlier.topics().stream().noneMatch(t -> covers(t, topic))) {
                return false;
            }
        }
        return true;
    }

    private static boolean covers(Topic wider, Topic narrower) {
        if (wider instanceof Topic.Any) {
            return true;
        }
        if (narrower instanceof Topic.Any) {
            return false;
        }
        if (wider instanceof Topic.Exact w) {
            return narrower instanceof Topic.Exact n && w.topic().equals(n.topic());
        }
        String filter = ((Topic.Filter) wider).filter();
        if (narrower instanceof Topic.Exact n) {
            // eq "X" matches T == X (publish) or S == X (subscribe, delivery); a filter containing X
            // matches every such T and contains every such S. X holds no placeholders.
            return !n.topic().contains("${") && !n.topic().isEmpty() && Containment.contains(filter, n.topic());
        }
        return Containment.contains(filter, ((Topic.Filter) narrower).filter());
    }
}
