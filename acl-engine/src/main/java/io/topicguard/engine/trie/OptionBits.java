package io.topicguard.engine.trie;

import io.topicguard.dsl.ast.Action;
import io.topicguard.dsl.ast.Qos;
import io.topicguard.dsl.ast.Retain;

import java.util.Set;

/**
 * The (action, QoS, retain) combination of a check as one bit number, so that "does this rule's
 * action and options fit?" is one AND per rule (docs/semantics.md, Publish: options; Subscribe and Deliver: retain options do
 * not apply to subscriptions and deliveries).
 */
public final class OptionBits {

    private OptionBits() {
    }

    /** The bit of a publish at {@code qos} (0..2) with the retain flag {@code retain}. */
    public static int publish(int qos, boolean retain) {
        return qos * 2 + (retain ? 1 : 0);
    }

    /** The bit of a subscribe or delivery at {@code qos} (0..2). */
    public static int subscribe(int qos) {
        return 6 + qos * 2;
    }

    /** The mask of a rule with these actions and options. */
    public static int mask(Set<Action> actions, Qos qos, Retain retain) {
        int mask = 0;
        for (int level = 0; level <= 2; level++) {
            if (!qos.allows(level)) {
                continue;
            }
            if (actions.contains(Action.PUBLISH)) {
                if (retain.allows(false)) {
                    mask |= 1 << publish(level, false);
                }
                if (retain.allows(true)) {
                    mask |= 1 << publish(level, true);
                }
            }
            if (actions.contains(Action.SUBSCRIBE)) {
                mask |= 1 << subscribe(level);
            }
        }
        return mask;
    }
}
