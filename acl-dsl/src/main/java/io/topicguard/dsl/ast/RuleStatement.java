package io.topicguard.dsl.ast;

import java.util.List;
import java.util.Set;

/**
 * {@code allow|deny WHO [to ACTIONS TOPICS OPTIONS]}. A rule without a {@code to} clause has both
 * actions and the single topic {@link Topic.Any}.
 *
 * @param actions never empty
 * @param topics  never empty, in the order written
 */
public record RuleStatement(Effect effect, Who who, Set<Action> actions, List<Topic> topics,
                            Qos qos, Retain retain, SourcePosition position, String text) implements Statement {

    public RuleStatement {
        actions = Set.copyOf(actions);
        topics = List.copyOf(topics);
        if (actions.isEmpty() || topics.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one action and one topic");
        }
    }
}
