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

    /**
     * The single literal child, as a chain: the levels from that child on, through every
     * following node that offers nothing but one more literal level or nothing but {@code +}
     * ({@code "fleet/user-9/+/telemetry"}), and the node where that chain ends. Per-client rules
     * are mostly such chains, so a publish check compares runs of characters instead of visiting
     * a node per level, and the frozen trie keeps no node for the levels inside a chain: a
     * million per-user rules would otherwise hold three such nodes each. Stored split at the
     * {@code +} levels: {@code pathKey} is the text before the first (with its {@code /}:
     * {@code "fleet/user-9/"}), {@code pathRest} the text after each ({@code "/telemetry"}),
     * null when there is no {@code +}. While building, and for a chain of one level, {@code pathKey}
     * is the one child's level and {@code pathChild} that child; {@link #compressPaths} lengthens
     * the chains. Null when the node has no literal child or several (then {@link #tableKeys}).
     *
     * <p>Read as one string with a {@code +} between pieces, the chain is the filter text of its
     * levels. A subscribe walk reads it piece by piece ({@link TopicIndex}): a piece but the last
     * ends with the {@code /} before a {@code +} level, a piece after one starts with the
     * {@code /} after it, or is empty when the {@code +} is the last level.
     */
    String pathKey;
    String[] pathRest;
    Node pathChild;
    /**
     * Literal children when there are several, open addressing with linear probing; built at
     * {@link #freeze} from the builder's map ({@link TopicIndex.Builder}). Looked up by a region
     * of the topic string, so a check never allocates a substring per level.
     */
    private String[] tableKeys;
    private Node[] tableNodes;
    /**
     * Bit {@code min(length, 31)} is set for the length of every table key: most misses need no
     * hash. While building, non-zero when the builder's map holds this node's children.
     */
    private int tableLengths;
    Node plus;
    Template[] templates;
    /** Rules one of whose filters ends at this node. */
    CompiledRule[] rules;
    /** Rules one of whose filters has {@code #} at this level. */
    CompiledRule[] hashRules;
    /** The lowest ordinal of any rule in this subtree: a walk that already has an earlier rule skips it. */
    int subtreeMin = Integer.MAX_VALUE;

    /**
     * The literal child (from the table) for the level {@code topic[start, end)}, or null; a node
     * with a single literal child has it as a chain ({@link #pathKey}) instead. Hashes the level
     * only when there is a table to look in: hashing is the dearest step of a check (a serial
     * multiply per character).
     */
    Node child(String topic, int start, int end) {
        int length = end - start;
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
        return null;
    }

    /** The end of the chain's first level (always a literal) in a chain's first piece ({@link #pathKey}). */
    static int firstLevelEnd(String pathKey) {
        int slash = pathKey.indexOf('/');
        return slash < 0 ? pathKey.length() : slash;
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
        if (pathKey != null) {
            bits |= firstCharacterBit(pathKey); // a chain's first level, or '/' when that level is empty
        }
        if (tableKeys != null) {
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

    private void buildTable(Map<String, Node> children) {
        int capacity = Integer.highestOneBit(Math.max(2, children.size()) * 2 - 1) << 1;
        tableKeys = new String[capacity];
        tableNodes = new Node[capacity];
        tableLengths = 0;
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
    }

    /**
     * The literal child {@code level} while building, made when missing. A second literal child
     * moves both into the builder's map of nodes with several ({@link TopicIndex.Builder#wide()}):
     * the frozen node keeps only the table made from it, not the map.
     */
    Node childOrCreate(String level, TopicIndex.Builder builder) {
        if (pathKey != null) {
            if (pathKey.equals(level)) {
                return pathChild;
            }
            Map<String, Node> children = new HashMap<>(4);
            children.put(pathKey, pathChild);
            pathKey = null;
            pathChild = null;
            tableLengths = 1;
            builder.wide().put(this, children);
            Node created = new Node();
            children.put(level, created);
            return created;
        }
        if (tableLengths != 0) {
            return builder.wide().get(this).computeIfAbsent(level, key -> new Node());
        }
        pathKey = level;
        pathChild = new Node();
        return pathChild;
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
     * The table's children by slot, some slots empty, or null when there is no table: a
     * subscription's wildcard level visits every literal child by index, not through a callback,
     * so the walk allocates nothing. Call after {@link #freeze}.
     */
    Node[] tableNodes() {
        return tableNodes;
    }

    /** The key of the table's child in {@code slot}, or null for an empty slot. */
    String tableKey(int slot) {
        return tableKeys[slot];
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

    /**
     * Prunes dead rule entries, computes {@link #subtreeMin} bottom-up and turns the builder's
     * map of several literal children ({@code wide}, see {@link #childOrCreate}; null when no
     * node has several) into the table.
     */
    int freeze(Map<Node, Map<String, Node>> wide) {
        rules = prune(rules);
        hashRules = prune(hashRules);
        int min = Math.min(firstOrdinal(rules), firstOrdinal(hashRules));
        if (pathChild != null) {
            min = Math.min(min, pathChild.freeze(wide));
        }
        if (tableLengths != 0) {
            Map<String, Node> children = wide.get(this);
            for (Node child : children.values()) {
                min = Math.min(min, child.freeze(wide));
            }
            buildTable(children);
        }
        if (plus != null) {
            min = Math.min(min, plus.freeze(wide));
        }
        if (templates != null) {
            for (Template template : templates) {
                min = Math.min(min, template.child.freeze(wide));
            }
        }
        subtreeMin = min;
        return min;
    }

    /**
     * Lengthens the chain of one level ({@link #pathKey}, {@link #pathChild}) to every level it
     * runs through, on this node and on every node below; the nodes inside a chain are dropped.
     * Call after {@link #freeze}: a chain stops at a node with rules, which pruning may have
     * removed. Each node is reached once, from its chain's start, before its own chain changes.
     *
     * <p>A chain starts with a literal level, so its {@code +} levels are never a topic's first
     * level (which a {@code +} must not match for {@code $}-topics, MQTT-4.7.2-1).
     */
    void compressPaths(LevelInterner interner) {
        if (pathChild != null) {
            String onlyKey = pathKey;
            StringBuilder open = null; // the piece being built, once the chain is more than onlyKey
            java.util.List<String> closed = null; // pieces ended by a '+' level; the first is pathKey
            Node end = pathChild;
            while (end.rules == null && end.hashRules == null && end.templates == null) {
                boolean literal = end.pathKey != null && end.plus == null;
                boolean plusOnly = end.pathKey == null && end.tableKeys == null && end.plus != null;
                if (!literal && !plusOnly) {
                    break;
                }
                if (open == null) {
                    open = new StringBuilder(onlyKey);
                }
                open.append('/');
                if (literal) {
                    open.append(end.pathKey);
                    end = end.pathChild;
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
        return pathEnd(pathKey, pathRest, topic, start);
    }

    /**
     * {@link #pathEnd(String, int)} of the chain {@code key}, {@code rest}, wherever it is held:
     * a {@link TopicIndex} of one chain keeps it without a node.
     */
    static int pathEnd(String key, String[] rest, String topic, int start) {
        if (!topic.startsWith(key, start)) {
            return -1 - start;
        }
        int at = start + key.length();
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

    /**
     * Whether this node holds one rule, in {@link #rules} or {@link #hashRules}, and nothing else:
     * no other rule, no children, {@code +} or placeholders.
     */
    boolean isLeafWithOneRule() {
        int count = (rules == null ? 0 : rules.length) + (hashRules == null ? 0 : hashRules.length);
        return count == 1 && pathKey == null && tableKeys == null && plus == null && templates == null;
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
