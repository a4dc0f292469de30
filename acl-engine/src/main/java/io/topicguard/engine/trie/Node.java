package io.topicguard.engine.trie;

import io.topicguard.dsl.TopicSyntax;

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
    /**
     * For publish matching only: the levels from the single literal child on, through every
     * following node that offers nothing but one more literal level or nothing but {@code +}
     * ({@code "fleet/user-9/+/telemetry"}), and the node where that chain ends. Per-client rules
     * are mostly such chains, so a check compares runs of characters instead of visiting a node
     * per level. Stored split at the {@code +} levels: {@code pathKey} is the text before the
     * first (with its {@code /}: {@code "fleet/user-9/"}), {@code pathRest} the text after each
     * ({@code "/telemetry"}), null when there is no {@code +}. Set by {@link #compressPaths} on
     * the nodes a publish walk can reach; null elsewhere.
     */
    String pathKey;
    String[] pathRest;
    Node pathChild;
    /** Literal children while building; replaced by the open-addressing table below at {@link #freeze()}. */
    private HashMap<String, Node> children;
    /**
     * Literal children once frozen, open addressing with linear probing. Looked up by a region of
     * the topic string, so a check never allocates a substring per level.
     */
    private String[] tableKeys;
    private Node[] tableNodes;
    /** Bit {@code min(length, 31)} is set for the length of every table key: most misses need no hash. */
    private int tableLengths;
    Node plus;
    Template[] templates;
    /** Rules one of whose filters ends at this node. */
    CompiledRule[] rules;
    /** Rules one of whose filters has {@code #} at this level. */
    CompiledRule[] hashRules;
    /** The lowest ordinal of any rule in this subtree: a walk that already has an earlier rule skips it. */
    int subtreeMin = Integer.MAX_VALUE;

    Node child(String level) {
        return child(level, 0, level.length());
    }

    /**
     * The literal child for the level {@code topic[start, end)}, or null. Hashes the level only
     * when there is a table to look in: most nodes of a large policy have one literal child, and
     * hashing is the dearest step of a check (a serial multiply per character).
     */
    Node child(String topic, int start, int end) {
        int length = end - start;
        if (onlyKey != null) {
            return onlyKey.length() == length && sameChars(topic, start, onlyKey, length) ? onlyChild : null;
        }
        if (tableKeys != null) {
            if ((tableLengths & lengthBit(length)) == 0) {
                return null;
            }
            int hash = hash(topic, start, end);
            int mask = tableKeys.length - 1;
            for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
                String key = tableKeys[i];
                if (key == null) {
                    return null;
                }
                // String caches its hash, so comparing it first is free and skips most mismatches.
                if (key.length() == length && key.hashCode() == hash && sameChars(topic, start, key, length)) {
                    return tableNodes[i];
                }
            }
        }
        return children == null ? null : children.get(topic.substring(start, end));
    }

    /**
     * Whether {@code topic[start, start + length)} equals {@code key}, whose length the caller has
     * checked. Without an early exit the loop has no branch per character, which the JIT unrolls;
     * that beats {@link String#regionMatches} on the short levels topics are made of.
     */
    private static boolean sameChars(String topic, int start, String key, int length) {
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= topic.charAt(start + i) ^ key.charAt(i);
        }
        return diff == 0;
    }

    /**
     * {@link String#hashCode()} of {@code s[start, end)} without making the substring, two
     * characters a step: {@code 31 * (31 * h + a) + b == 961 * h + 31 * a + b}, which halves the
     * chain of dependent multiplies.
     */
    private static int hash(String s, int start, int end) {
        int h = 0;
        int i = start;
        for (; i + 1 < end; i += 2) {
            h = 961 * h + 31 * s.charAt(i) + s.charAt(i + 1);
        }
        if (i < end) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /**
     * {@link TopicIndex#firstCharacterBit} of every level that can go on from this node, for a level
     * the first character of its topic: all bits when a {@code +}, {@code #} or placeholder edge
     * takes any level. Call after {@link #freeze()}.
     */
    long firstCharacters() {
        if (plus != null || hashRules != null || templates != null || rules != null) {
            return -1L;
        }
        long bits = 0;
        if (onlyKey != null) {
            bits |= firstCharacterBit(onlyKey);
        }
        if (tableKeys != null) { // after freeze() the children map has become the table
            for (String key : tableKeys) {
                if (key != null) {
                    bits |= firstCharacterBit(key);
                }
            }
        }
        return bits;
    }

    /** A topic starting with the level {@code key} starts with its first character, or with '/' when it is empty. */
    private static long firstCharacterBit(String key) {
        return 1L << (key.isEmpty() ? '/' : key.charAt(0));
    }

    /** One bit per length below 31, one bit shared by every longer length. */
    static int lengthBit(int length) {
        return 1 << Math.min(length, 31);
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private void buildTable() {
        int capacity = Integer.highestOneBit(Math.max(2, children.size()) * 2 - 1) << 1;
        tableKeys = new String[capacity];
        tableNodes = new Node[capacity];
        int mask = capacity - 1;
        for (Map.Entry<String, Node> e : children.entrySet()) {
            int i = spread(e.getKey().hashCode()) & mask;
            while (tableKeys[i] != null) {
                i = (i + 1) & mask;
            }
            tableKeys[i] = e.getKey();
            tableNodes[i] = e.getValue();
            tableLengths |= lengthBit(e.getKey().length());
        }
        children = null;
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

    /**
     * How many slots {@link #literalKey} and {@link #literalChild} read, some of them empty: a
     * subscription's wildcard level visits every literal child by index, not through a callback,
     * so the walk allocates nothing. Call after {@link #freeze()}.
     */
    int literalSlots() {
        return onlyKey != null ? 1 : tableKeys != null ? tableKeys.length : 0;
    }

    /** The key of the literal child in {@code slot}, or null for an empty slot. */
    String literalKey(int slot) {
        return onlyKey != null ? onlyKey : tableKeys[slot];
    }

    /** The literal child in {@code slot}, or null for an empty slot. */
    Node literalChild(int slot) {
        return onlyKey != null ? onlyChild : tableNodes[slot];
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
            buildTable();
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

    /**
     * Sets {@link #pathKey}, {@link #pathRest} and {@link #pathChild} on this node and on every
     * node a publish walk can reach from it (through paths, table children, {@code +} and
     * placeholders). Call after {@link #freeze()}: a chain stops at a node with rules, which
     * pruning may have removed.
     *
     * <p>A chain starts with a literal level, so its {@code +} levels are never a topic's first
     * level (which a {@code +} must not match for {@code $}-topics, MQTT-4.7.2-1).
     */
    void compressPaths(LevelInterner interner) {
        if (onlyChild != null) {
            StringBuilder open = null; // the piece being built, once the chain is more than onlyKey
            java.util.List<String> closed = null; // pieces ended by a '+' level; the first is pathKey
            Node end = onlyChild;
            while (end.rules == null && end.hashRules == null && end.templates == null) {
                boolean literal = end.onlyKey != null && end.plus == null;
                boolean plusOnly = end.onlyKey == null && end.tableKeys == null && end.plus != null;
                if (!literal && !plusOnly) {
                    break;
                }
                if (open == null) {
                    open = new StringBuilder(onlyKey);
                }
                open.append('/');
                if (literal) {
                    open.append(end.onlyKey);
                    end = end.onlyChild;
                } else {
                    if (closed == null) {
                        closed = new java.util.ArrayList<>(2);
                    }
                    closed.add(open.toString());
                    open.setLength(0);
                    end = end.plus;
                }
            }
            if (open == null) {
                pathKey = onlyKey;
            } else if (closed == null) {
                pathKey = open.toString();
            } else {
                closed.add(open.toString());
                pathKey = closed.get(0);
                String[] rest = new String[closed.size() - 1];
                for (int i = 0; i < rest.length; i++) {
                    String piece = closed.get(i + 1);
                    rest[i] = interner.intern(piece, 0, piece.length()); // "/telemetry" for every user
                }
                pathRest = interner.intern(rest);
            }
            pathChild = end;
            end.compressPaths(interner);
        }
        if (tableNodes != null) {
            for (Node child : tableNodes) {
                if (child != null) {
                    child.compressPaths(interner);
                }
            }
        }
        if (plus != null) {
            plus.compressPaths(interner);
        }
        if (templates != null) {
            for (Template template : templates) {
                template.child.compressPaths(interner);
            }
        }
    }

    /**
     * Where the levels of this node's chain ({@link #pathKey}, then for each {@code +} level the
     * next piece of {@link #pathRest}) end when they match {@code topic} from {@code start}: the
     * index of the {@code /} after them or the topic's length. The caller then continues at
     * {@link #pathChild}.
     *
     * <p>When they do not match, or a level taken by {@code +} holds a character no topic name may
     * (the caller's check reports that), a negative number {@code -1 - checkedTo}: the levels
     * before {@code checkedTo} (at least up to {@code start}) passed a {@code +} level's check or
     * equalled the chain's text, so the caller's check of the rest can start there.
     */
    int pathEnd(String topic, int start) {
        String key = pathKey;
        if (!topic.startsWith(key, start)) {
            return -1 - start;
        }
        int at = start + key.length();
        String[] rest = pathRest;
        if (rest != null) {
            for (String piece : rest) {
                int end = TopicSyntax.levelEnd(topic, at);
                if (end < 0) {
                    return -1 - at;
                }
                if (!topic.startsWith(piece, end)) {
                    return -2 - end; // checked to the start of the level after this one
                }
                at = end + piece.length();
            }
        }
        int length = topic.length();
        return at == length || topic.charAt(at) == '/' ? at : -1 - start;
    }

    /** Whether this node holds rules and has nothing below it (no children, wildcards or placeholders). */
    boolean isLeafWithRules() {
        return rules != null && hashRules == null && onlyKey == null && tableKeys == null && children == null
                && plus == null && templates == null;
    }

    private static int firstOrdinal(CompiledRule[] rules) {
        return rules == null ? Integer.MAX_VALUE : rules[0].ordinal();
    }

    /**
     * Drops a rule whose every (action, QoS, retain) combination is already covered by earlier
     * rules of the same effect at this node: it can neither decide first nor change the
     * "seen allow/deny" of docs/semantics.md, Subscribe. Keeps at most a handful of entries per node.
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
