package io.topicguard.engine.trie;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One level of a filter trie. Literal children are looked up by hash; {@code +}, {@code #} and
 * placeholder levels hang off dedicated fields so a check never scans siblings. Built once by
 * {@link TopicIndex.Builder}, never changed after {@link #freeze()}.
 *
 * <p>Kept small because a million-rule policy has millions of nodes: a single literal child is
 * held inline, a map is made only for the second.
 */
final class Node {

    private String onlyKey;
    private Node onlyChild;
    private HashMap<String, Node> children;
    Node plus;
    Template[] templates;
    /** Rules one of whose filters ends at this node. */
    CompiledRule[] rules;
    /** Rules one of whose filters has {@code #} at this level. */
    CompiledRule[] hashRules;
    /** The lowest ordinal of any rule in this subtree: a walk that already has an earlier rule skips it. */
    int subtreeMin = Integer.MAX_VALUE;

    Node child(String level) {
        if (onlyKey != null) {
            return onlyKey.equals(level) ? onlyChild : null;
        }
        return children == null ? null : children.get(level);
    }

    Node childOrCreate(String level) {
        Node existing = child(level);
        if (existing != null) {
            return existing;
        }
        Node created = new Node();
        if (onlyKey == null && children == null) {
            onlyKey = level;
            onlyChild = created;
        } else {
            if (children == null) {
                children = new HashMap<>(4);
                children.put(onlyKey, onlyChild);
                onlyKey = null;
                onlyChild = null;
            }
            children.put(level, created);
        }
        return created;
    }

    Node plusOrCreate() {
        if (plus == null) {
            plus = new Node();
        }
        return plus;
    }

    Node templateOrCreate(Template template) {
        if (templates != null) {
            for (Template existing : templates) {
                if (existing.text().equals(template.text())) {
                    return existing.child;
                }
            }
            templates = Arrays.copyOf(templates, templates.length + 1);
        } else {
            templates = new Template[1];
        }
        templates[templates.length - 1] = template;
        return template.child;
    }

    /** Calls {@code visitor} for each literal child. */
    void forEachLiteral(java.util.function.BiConsumer<String, Node> visitor) {
        if (onlyKey != null) {
            visitor.accept(onlyKey, onlyChild);
        } else if (children != null) {
            for (Map.Entry<String, Node> e : children.entrySet()) {
                visitor.accept(e.getKey(), e.getValue());
            }
        }
    }

    static CompiledRule[] append(CompiledRule[] rules, CompiledRule rule) {
        if (rules == null) {
            return new CompiledRule[] {rule};
        }
        if (rules[rules.length - 1] == rule) {
            return rules; // the same rule lists the same filter twice
        }
        CompiledRule[] grown = Arrays.copyOf(rules, rules.length + 1);
        grown[rules.length] = rule;
        return grown;
    }

    /** Prunes dead rule entries and computes {@link #subtreeMin}, bottom-up. */
    int freeze() {
        rules = prune(rules);
        hashRules = prune(hashRules);
        int min = Math.min(firstOrdinal(rules), firstOrdinal(hashRules));
        if (onlyChild != null) {
            min = Math.min(min, onlyChild.freeze());
        }
        if (children != null) {
            for (Node child : children.values()) {
                min = Math.min(min, child.freeze());
            }
        }
        if (plus != null) {
            min = Math.min(min, plus.freeze());
        }
        if (templates != null) {
            for (Template template : templates) {
                min = Math.min(min, template.child.freeze());
            }
        }
        subtreeMin = min;
        return min;
    }

    private static int firstOrdinal(CompiledRule[] rules) {
        return rules == null ? Integer.MAX_VALUE : rules[0].ordinal();
    }

    /**
     * Drops a rule whose every (action, QoS, retain) combination is already covered by earlier
     * rules of the same effect at this node: it can neither decide first nor change the
     * "seen allow/deny" of DESIGN.md §4.3. Keeps at most a handful of entries per node.
     */
    private static CompiledRule[] prune(CompiledRule[] rules) {
        if (rules == null || rules.length == 1) {
            return rules;
        }
        CompiledRule[] kept = new CompiledRule[rules.length];
        int n = 0;
        int coveredAllow = 0;
        int coveredDeny = 0;
        for (CompiledRule rule : rules) {
            int covered = rule.allow() ? coveredAllow : coveredDeny;
            if ((rule.mask() & ~covered) != 0) {
                kept[n++] = rule;
                if (rule.allow()) {
                    coveredAllow |= rule.mask();
                } else {
                    coveredDeny |= rule.mask();
                }
            }
        }
        return n == 0 ? null : Arrays.copyOf(kept, n);
    }
}
