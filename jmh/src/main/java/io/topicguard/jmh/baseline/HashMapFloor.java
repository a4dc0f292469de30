package io.topicguard.jmh.baseline;

import io.topicguard.jmh.policy.GeneratedPolicy;
import io.topicguard.jmh.policy.GeneratedRule;
import io.topicguard.jmh.policy.RuleKind;

import java.util.HashSet;
import java.util.Set;

/**
 * Baseline (a), the floor: a {@link HashSet} of exact (username, topic) keys, one lookup per check.
 * No authorizer that answers from data of this size can be cheaper; the engine's target is to stay
 * within a small factor of it (issue 4).
 *
 * <p>Each per-user rule contributes two keys: its filter as written (what a subscribe query asks)
 * and that filter with {@code +} rendered as {@code d1} (the topic the publish queries use).
 */
public final class HashMapFloor {

    private record Key(String username, String topic) {
    }

    private final Set<Key> allowed;

    private HashMapFloor(Set<Key> allowed) {
        this.allowed = allowed;
    }

    public static HashMapFloor of(GeneratedPolicy policy) {
        Set<Key> keys = new HashSet<>(policy.ruleCount() * 3);
        for (GeneratedRule rule : policy.rules()) {
            if (rule.kind() == RuleKind.USER) {
                keys.add(new Key(rule.subject(), rule.topic()));
                keys.add(new Key(rule.subject(), rule.topic().replace("+", "d1")));
            }
        }
        return new HashMapFloor(keys);
    }

    /** Whether the exact (username, topic) pair was granted. */
    public boolean allowed(String username, String topic) {
        return allowed.contains(new Key(username, topic));
    }

    public int size() {
        return allowed.size();
    }
}
