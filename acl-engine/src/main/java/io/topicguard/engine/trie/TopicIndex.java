package io.topicguard.engine.trie;

import io.topicguard.dsl.TopicSyntax;
import io.topicguard.dsl.ast.Topic;

import java.util.HashMap;
import java.util.Map;

/**
 * The topics of the rules that share one who-expression, compiled for the three questions of
 * docs/semantics.md: which rule comes first among those matching a topic (publish, delivery), among
 * those containing a subscription filter, and which allow/deny rules overlap it.
 *
 * <p>Immutable after {@link Builder#build()} and thread-safe. Publish and delivery questions walk
 * the topic string in place (no substring per level), and so do subscription questions with
 * the filter: a check allocates nothing. Every query takes an "earlier" bound: a rule at or after
 * it cannot change the answer, so whole subtrees are skipped.
 */
public final class TopicIndex {

    private final Node root;
    private final Map<String, CompiledRule[]> exact;
    private final CompiledRule[] any;

    /**
     * {@link Node#lengthBit} of every {@code eq} topic's length: a topic of another length skips
     * the map, and with it hashing the whole topic (a topic fresh from the wire has no cached hash).
     */
    private final int exactLengths;

    /**
     * Whether every literal level in the trie is a valid topic-name level, so that a topic level
     * found equal to one needs no other check (see {@link Match}). Always so for a parsed policy;
     * a hand-made AST could hold a NUL, and then this index vouches for nothing.
     */
    private final boolean literalsValid;

    /**
     * When the whole trie is one compressed run from the root to a node that holds one rule and
     * nothing else — a who-group with one filter, the usual per-client rule — that run's chain
     * ({@link Node#pathKey}, {@link Node#pathRest}), the rule, and whether its filter ends in
     * {@code #} ({@code "site/dev-5/#"}); {@link #root} is then null. A publish walk is one
     * {@link Node#pathEnd}, a subscribe walk one pass along the chain. Held here, not as two
     * nodes and a rule array, because a million per-client rules would keep two million nodes and
     * a million arrays (136 bytes a rule) for nothing but these fields. {@code onlyRunRule} is null
     * when there is no such run, and when {@link #literalsValid} is not, so the one test covers both.
     */
    private final CompiledRule onlyRunRule;
    private final boolean onlyRunHash;
    private final String onlyRunKey;
    private final String[] onlyRunRest;

    private TopicIndex(Node root, Map<String, CompiledRule[]> exact, CompiledRule[] any, boolean literalsValid) {
        boolean onlyRun = literalsValid && root != null && root.pathKey != null && root.plus == null
                && root.templates == null && root.hashRules == null && root.rules == null && root.pathChild.isLeafWithOneRule();
        this.root = onlyRun ? null : root;
        this.onlyRunHash = onlyRun && root.pathChild.hashRules != null;
        this.onlyRunRule = !onlyRun ? null : onlyRunHash ? root.pathChild.hashRules[0] : root.pathChild.rules[0];
        this.onlyRunKey = onlyRun ? root.pathKey : null;
        this.onlyRunRest = onlyRun ? root.pathRest : null;
        this.literalsValid = literalsValid;
        this.exact = exact;
        this.any = any;
        int lengths = 0;
        if (exact != null) {
            for (String key : exact.keySet()) {
                lengths |= Node.lengthBit(key.length());
            }
        }
        this.exactLengths = lengths;
        this.firstCharacters = root == null ? 0 : root.firstCharacters();
    }

    /**
     * {@link #firstCharacterBit} of every first character a topic can have and still be matched by
     * the trie: all bits when the root has a wildcard or placeholder edge.
     */
    private final long firstCharacters;

    /**
     * What {@link #mayMatch} needs of a topic: one of 64 bits picked by its first character
     * (the character's low six bits; {@code /} for an empty first level). The topic must not be empty.
     */
    public static long firstCharacterBit(String topic) {
        return 1L << topic.charAt(0); // a long shift takes the low six bits of its distance
    }

    /** What {@link #mayMatch} needs of the string {@code eq} topics are compared with: a bit for its length. */
    public static int eqLengthBit(String eqKey) {
        return Node.lengthBit(eqKey.length());
    }

    /**
     * False when {@link #firstMatch} certainly finds nothing for a topic with this
     * {@link #firstCharacterBit} and {@code eq} key with this {@link #eqLengthBit}: no {@code any}
     * topic, no {@code eq} topic of that length, and no first-level edge that could take a level
     * starting with that character. Most of a client's groups start with other words than the
     * topic ({@code devices/...} vs {@code fleet/...}), and this skips them without a walk, at the
     * cost of one character read per check rather than a search for the first level's end.
     */
    public boolean mayMatch(long firstCharacterBit, int eqLengthBit) {
        return any != null || (exactLengths & eqLengthBit) != 0 || (firstCharacters & firstCharacterBit) != 0;
    }

    /**
     * The first rule applying to {@code bit} one of whose topics matches the topic name
     * {@code topic}; {@code eqKey} is what {@code eq} topics are compared with (the topic itself
     * for a publish, the subscription filter for a delivery, docs/semantics.md, Subscribe). The topic must not
     * be empty; its characters need not be valid: the answer says how far they were checked.
     *
     * @param best the ordinal of the earliest rule found so far elsewhere, or {@link Match#NO_RULE}
     * @return the earlier of {@code best} and this index's first match, and how far this walk
     *         checked the topic ({@link Match})
     */
    public long firstMatch(String topic, String eqKey, int bit, PlaceholderValues values, int best) {
        best = Math.min(best, first(any, bit));
        if (exact != null && (exactLengths & Node.lengthBit(eqKey.length())) != 0) {
            best = Math.min(best, first(exact.get(eqKey), bit));
        }
        CompiledRule rule = onlyRunRule;
        if (rule != null) {
            if (rule.ordinal() >= best) {
                return Match.of(best, 0);
            }
            int after = Node.pathEnd(onlyRunKey, onlyRunRest, topic, 0);
            if (after < 0) {
                return Match.of(best, -1 - after);
            }
            // '#' matches the remaining zero or more levels: "a/#" matches "a" and "a/b".
            if ((onlyRunHash || after == topic.length()) && rule.applies(bit)) {
                best = rule.ordinal();
            }
            return Match.of(best, after + 1);
        }
        if (root == null) {
            return Match.of(best, 0);
        }
        long match = match(root, topic, 0, !topic.isEmpty() && topic.charAt(0) == '$', bit, values, best);
        return literalsValid ? match : Match.of(Match.rule(match), 0);
    }

    /**
     * The first rule applying to {@code bit} one of whose topics contains a valid subscription
     * filter: {@code walked}, the filter whose levels the trie is walked with ({@code +/#} for
     * {@code #}, see {@link Containment}), and {@code filter}, the filter as sent, which {@code eq}
     * topics are compared with.
     */
    public CompiledRule firstContaining(String walked, String filter, int bit, PlaceholderValues values, CompiledRule best) {
        best = CompiledRule.earlier(best, firstRule(any, bit));
        if (exact != null) {
            best = CompiledRule.earlier(best, firstRule(exact.get(filter), bit));
        }
        CompiledRule rule = onlyRunRule;
        if (rule != null) {
            if ((best == null || rule.ordinal() < best.ordinal()) && rule.applies(bit)) {
                // contain() from a root whose one chain ends at a node holding only the rule: a '#'
                // there contains whatever is left of the filter, another end only its end.
                int after = containedThroughChain(onlyRunKey, onlyRunRest, walked, 0);
                if (onlyRunHash ? after >= 0 : after > walked.length()) {
                    best = rule;
                }
            }
        } else if (root != null) {
            best = contain(root, walked, 0, walked.charAt(0) == '$', bit, values, best);
        }
        return best;
    }

    /**
     * {@code bounds} ({@link OverlapBounds}) lowered to the ordinal of the first allow / deny rule
     * applying to {@code bit} one of whose topics overlaps the filter ({@code walked} and
     * {@code filter} as in {@link #firstContaining}).
     */
    public long overlapping(String walked, String filter, int bit, PlaceholderValues values, long bounds) {
        bounds = OverlapBounds.note(bounds, any, bit);
        if (exact != null) {
            bounds = OverlapBounds.note(bounds, exact.get(filter), bit);
        }
        CompiledRule rule = onlyRunRule;
        if (rule != null) {
            if (rule.ordinal() < OverlapBounds.worst(bounds) && rule.applies(bit) && overlapsOnlyRun(walked)) {
                bounds = OverlapBounds.note(bounds, rule);
            }
        } else if (root != null) {
            bounds = overlap(root, walked, 0, walked.charAt(0) == '$', bit, values, bounds);
        }
        return bounds;
    }

    /**
     * Whether {@link #onlyRunRule}'s filter overlaps {@code filter}: {@link #overlap} from a root
     * whose one chain ({@link #onlyRunKey}) ends at a node holding only that rule, that is, what
     * {@link #throughWildcard} and {@link #overlapThroughChain} do at such a root, and
     * {@link #overlap} at such an end.
     */
    private boolean overlapsOnlyRun(String filter) {
        int end = levelEnd(filter, 0);
        boolean single = end == 1;
        boolean wildcard = single && (filter.charAt(0) == '#' || filter.charAt(0) == '+');
        int after;
        if (wildcard) {
            // The subscription's first-level wildcard takes no chain starting with '$' (MQTT-4.7.2-1).
            boolean dollarChain = !onlyRunKey.isEmpty() && onlyRunKey.charAt(0) == '$';
            after = dollarChain ? CHAIN_MISSES
                    : filter.charAt(0) == '#' ? CHAIN_TAKEN_BY_HASH : overlapChainEnd(onlyRunKey, onlyRunRest, filter, end + 1);
        } else {
            after = chainLevelIs(onlyRunKey, 0, filter, 0, end) ? overlapChainEnd(onlyRunKey, onlyRunRest, filter, end + 1) : CHAIN_MISSES;
        }
        if (after == CHAIN_MISSES) {
            return false;
        }
        // At the end node a '#' rule overlaps whatever is left; another rule when the filter is
        // used up, or what is left of it is '#' (or the chain took a '#').
        return onlyRunHash || after == CHAIN_TAKEN_BY_HASH || after > filter.length()
                || (levelEnd(filter, after) - after == 1 && filter.charAt(after) == '#');
    }

    /** The ordinal of the first of {@code rules} that applies to {@code bit}, or {@link Match#NO_RULE}. */
    private static int first(CompiledRule[] rules, int bit) {
        CompiledRule rule = firstRule(rules, bit);
        return rule == null ? Match.NO_RULE : rule.ordinal();
    }

    private static CompiledRule firstRule(CompiledRule[] rules, int bit) {
        if (rules != null) {
            for (CompiledRule rule : rules) {
                if (rule.applies(bit)) {
                    return rule;
                }
            }
        }
        return null;
    }

    /**
     * Publish matching (docs/semantics.md, Topics and filters), walking the topic string in place: the current level
     * starts at {@code start}; {@code start == topic.length() + 1} means every level is consumed.
     * {@code dollar}: the topic's first level starts with {@code $}. Every level consumed has been
     * checked (see {@link Match}), so the position a walk stops at is how far it checked.
     *
     * <p>This is the path every PUBLISH and delivery takes, so it is written for speed. A single
     * literal child is followed along its compressed path ({@link Node#pathEnd}: several levels,
     * {@code +} levels included, compared as runs of characters, no hashing); a node with nothing
     * else to follow is left in a loop, not by recursion; only a real fork ({@code +} or a
     * placeholder beside a literal) costs a call.
     */
    private static long match(Node node, String topic, int start, boolean dollar, int bit,
                              PlaceholderValues values, int best) {
        int length = topic.length();
        while (true) {
            if (node.subtreeMin >= best) {
                return Match.of(best, start);
            }
            // MQTT-4.7.2-1: a first-level wildcard never matches a topic starting with '$'.
            boolean wildcardsMatch = start > 0 || !dollar;
            if (node.hashRules != null && wildcardsMatch) {
                // '#' matches the remaining zero or more levels: "a/#" matches "a".
                best = Math.min(best, first(node.hashRules, bit));
            }
            if (start > length) {
                return Match.of(Math.min(best, first(node.rules, bit)), start);
            }
            Node plus = wildcardsMatch ? node.plus : null;
            if (node.pathKey != null && plus == null && node.templates == null) {
                int after = node.pathEnd(topic, start);
                if (after < 0) {
                    return Match.of(best, -1 - after);
                }
                start = after + 1;
                node = node.pathChild;
                continue;
            }
            int end = TopicSyntax.levelEnd(topic, start);
            if (end < 0) {
                return Match.of(best, start); // not a valid topic name: the caller's check says so
            }
            if (node.pathKey != null || node.templates != null) {
                return fork(node, plus, topic, start, end, dollar, bit, values, best);
            }
            Node literal = node.child(topic, start, end);
            if (literal != null && plus != null) {
                return fork(node, plus, topic, start, end, dollar, bit, values, best);
            }
            node = literal != null ? literal : plus;
            if (node == null) {
                return Match.of(best, end + 1);
            }
            start = end + 1;
        }
    }

    /**
     * {@link #match} at a node where the level {@code topic[start, end)} (already checked) can go
     * more than one way: its literal child or compressed path, {@code plus} (null when no '+' edge
     * may be taken here) and placeholder levels. Kept apart so that the loop in {@link #match}
     * stays small enough to compile into its callers.
     */
    private static long fork(Node node, Node plus, String topic, int start, int end, boolean dollar, int bit,
                             PlaceholderValues values, int best) {
        int next = end + 1;
        long result = Match.of(best, next);
        if (node.pathKey != null) {
            int after = node.pathEnd(topic, start);
            if (after >= 0) {
                result = Match.join(result, match(node.pathChild, topic, after + 1, dollar, bit, values, best));
            }
        } else {
            Node literal = node.child(topic, start, end);
            if (literal != null) {
                result = Match.join(result, match(literal, topic, next, dollar, bit, values, best));
            }
        }
        if (plus != null) {
            result = Match.join(result, match(plus, topic, next, dollar, bit, values, Match.rule(result)));
        }
        if (node.templates != null) {
            for (Template template : node.templates) {
                if (template.matches(topic, start, end, values)) {
                    result = Match.join(result, match(template.child, topic, next, dollar, bit, values, Match.rule(result)));
                }
            }
        }
        return result;
    }

    /**
     * Containment (docs/semantics.md, Subscribe, level by level as {@link Containment} states it): every topic
     * the subscription matches, the rule filter matches. Walks the (valid) filter in place like
     * {@link #match}: the current level starts at {@code start}, and {@code start > filter.length()}
     * means every level is consumed. {@code dollar}: the subscription's first level is a literal
     * starting with {@code $}.
     */
    private static CompiledRule contain(Node node, String filter, int start, boolean dollar, int bit,
                                        PlaceholderValues values, CompiledRule best) {
        if (best != null && node.subtreeMin >= best.ordinal()) {
            return best;
        }
        boolean wildcardsContain = Containment.wildcardsContain(start == 0, dollar);
        if (node.hashRules != null && wildcardsContain) {
            best = CompiledRule.earlier(best, firstRule(node.hashRules, bit));
        }
        if (start > filter.length()) {
            return CompiledRule.earlier(best, firstRule(node.rules, bit));
        }
        int end = levelEnd(filter, start);
        if (node.plus != null && wildcardsContain && Containment.plusContains(filter, start, end)) {
            best = contain(node.plus, filter, end + 1, dollar, bit, values, best);
        }
        if (Containment.isWildcard(filter, start, end)) {
            return best; // no literal or placeholder level contains a wildcard
        }
        if (node.pathKey != null) {
            int after = containedThroughChain(node.pathKey, node.pathRest, filter, start);
            if (after >= 0) {
                best = contain(node.pathChild, filter, after, dollar, bit, values, best);
            }
        } else {
            Node literal = node.child(filter, start, end); // Containment.literalContains, by lookup
            if (literal != null) {
                best = contain(literal, filter, end + 1, dollar, bit, values, best);
            }
        }
        if (node.templates != null) {
            for (Template template : node.templates) {
                if (template.matches(filter, start, end, values)) {
                    best = contain(template.child, filter, end + 1, dollar, bit, values, best);
                }
            }
        }
        return best;
    }

    /**
     * {@link #contain} through the levels of {@code node}'s chain ({@link Node#pathKey}) from the
     * filter's level at {@code start}: where the filter goes on at {@link Node#pathChild}, or -1
     * when some level of the chain does not contain the filter's (the nodes inside a chain hold no
     * rules, so a filter that ends inside it is contained by none). A chain's {@code +} is never
     * at the first level, where {@code $} would matter.
     */
    private static int containedThroughChain(String piece, String[] rest, String filter, int start) {
        // The chain's levels, read in place: the current piece, where its current level starts
        // (at its end, when more pieces follow, the level is a '+'), the next piece's index.
        int pieces = rest == null ? 0 : rest.length;
        int next = 0;
        int at = 0;
        while (at <= piece.length()) {
            if (start > filter.length()) {
                return -1;
            }
            int end = levelEnd(filter, start);
            if (at == piece.length() && next < pieces) {
                if (!Containment.plusContains(filter, start, end)) {
                    return -1;
                }
                piece = rest[next++];
                at = 1; // past the piece's leading '/'; beyond an empty last piece
            } else {
                if (Containment.isWildcard(filter, start, end) || !chainLevelIs(piece, at, filter, start, end)) {
                    return -1;
                }
                at += end - start + 1;
            }
            start = end + 1;
        }
        return start;
    }

    /**
     * Whether the chain's literal level starting at {@code piece[at]} is the level
     * {@code filter[start, end)}: the same characters, then the piece's end or its {@code /}.
     * Compares in place, without looking for the level's end first.
     */
    private static boolean chainLevelIs(String piece, int at, String filter, int start, int end) {
        int length = end - start;
        int after = at + length;
        if (after > piece.length() || (after < piece.length() && piece.charAt(after) != '/')) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < length; i++) {
            diff |= piece.charAt(at + i) ^ filter.charAt(start + i);
        }
        return diff == 0;
    }

    /** The end of the level of a valid filter that starts at {@code start}: its {@code /} or the filter's end. */
    private static int levelEnd(String filter, int start) {
        int slash = filter.indexOf('/', start);
        return slash < 0 ? filter.length() : slash;
    }

    /**
     * Overlap (docs/semantics.md, Subscribe): some topic name is matched by both the rule filter and the
     * subscription. Walks the filter in place as {@link #contain} does and returns {@code bounds}
     * ({@link OverlapBounds}) lowered by what it found.
     */
    private static long overlap(Node node, String filter, int start, boolean dollar, int bit,
                                PlaceholderValues values, long bounds) {
        if (node.subtreeMin >= OverlapBounds.worst(bounds)) {
            return bounds;
        }
        boolean ruleWildcardsOverlap = start > 0 || !dollar;
        if (node.hashRules != null && ruleWildcardsOverlap) {
            bounds = OverlapBounds.note(bounds, node.hashRules, bit);
        }
        if (start > filter.length()) {
            return OverlapBounds.note(bounds, node.rules, bit);
        }
        int end = levelEnd(filter, start);
        if (end - start == 1 && filter.charAt(start) == '#') {
            // The subscription's own wildcards skip '$' topics at the first level (MQTT-4.7.2-1).
            bounds = OverlapBounds.note(bounds, node.rules, bit);
            return throughWildcard(node, start == 0, filter, WHOLE_SUBTREE, dollar, bit, values, bounds);
        }
        if (end - start == 1 && filter.charAt(start) == '+') {
            return throughWildcard(node, start == 0, filter, end + 1, dollar, bit, values, bounds);
        }
        if (node.pathKey != null) {
            if (chainLevelIs(node.pathKey, 0, filter, start, end)) {
                bounds = overlapThroughChain(node, filter, end + 1, dollar, bit, values, bounds);
            }
        } else {
            Node literal = node.child(filter, start, end);
            if (literal != null) {
                bounds = overlap(literal, filter, end + 1, dollar, bit, values, bounds);
            }
        }
        if (node.plus != null && ruleWildcardsOverlap) {
            bounds = overlap(node.plus, filter, end + 1, dollar, bit, values, bounds);
        }
        if (node.templates != null) {
            for (Template template : node.templates) {
                if (template.matches(filter, start, end, values)) {
                    bounds = overlap(template.child, filter, end + 1, dollar, bit, values, bounds);
                }
            }
        }
        return bounds;
    }

    /** The {@code next} of {@link #throughWildcard} for a {@code #}: every rule below counts, whatever the levels. */
    private static final int WHOLE_SUBTREE = -1;

    /**
     * Overlap through a wildcard level of the subscription at {@code node}: every child it can
     * reach — all of them, except at the first level those that only match {@code $}-topics, and
     * except placeholders that do not render for this client — walked on from the filter's level
     * at {@code next} (a {@code +}), or taken whole ({@link #WHOLE_SUBTREE}, a {@code #}).
     */
    private static long throughWildcard(Node node, boolean firstLevel, String filter, int next, boolean dollar, int bit,
                                        PlaceholderValues values, long bounds) {
        if (node.pathKey != null) {
            String key = node.pathKey; // the chain's first level starts with its first character
            if (!firstLevel || key.isEmpty() || key.charAt(0) != '$') {
                if (next == WHOLE_SUBTREE) {
                    bounds = subtree(node.pathChild, bit, values, bounds);
                } else {
                    bounds = overlapThroughChain(node, filter, next, dollar, bit, values, bounds);
                }
            }
        }
        Node[] table = node.tableNodes();
        if (table != null) {
            for (int slot = 0; slot < table.length; slot++) {
                String key = node.tableKey(slot);
                if (key != null && (!firstLevel || key.isEmpty() || key.charAt(0) != '$')) {
                    bounds = below(table[slot], filter, next, dollar, bit, values, bounds);
                }
            }
        }
        if (node.plus != null) {
            bounds = below(node.plus, filter, next, dollar, bit, values, bounds);
        }
        if (node.templates != null) {
            for (Template template : node.templates) {
                if (template.renders(values) && (!firstLevel || !template.rendersDollar(values))) {
                    bounds = below(template.child, filter, next, dollar, bit, values, bounds);
                }
            }
        }
        return bounds;
    }

    /**
     * {@link #overlap} through the levels of {@code node}'s chain after its first (which the
     * caller matched) and the filter's from {@code start}, then on at {@link Node#pathChild}. The
     * nodes inside a chain hold no rules and nothing but the next level, so only a filter level
     * that cannot overlap the chain's ends the walk, and a {@code #} takes the chain's whole end;
     * none of these levels is a first level. Reads the chain as {@link #containedThroughChain} does.
     */
    private static long overlapThroughChain(Node node, String filter, int start, boolean dollar,
                                            int bit, PlaceholderValues values, long bounds) {
        int after = overlapChainEnd(node.pathKey, node.pathRest, filter, start);
        if (after == CHAIN_TAKEN_BY_HASH) {
            return subtree(node.pathChild, bit, values, bounds);
        }
        return after == CHAIN_MISSES ? bounds : overlap(node.pathChild, filter, after, dollar, bit, values, bounds);
    }

    /** What {@link #overlapChainEnd} answers when a level of the filter cannot overlap the chain's. */
    private static final int CHAIN_MISSES = -1;
    /** What {@link #overlapChainEnd} answers when a {@code #} of the filter takes the rest of the chain and all below. */
    private static final int CHAIN_TAKEN_BY_HASH = -2;

    /**
     * The levels of the chain {@code piece}, {@code rest} after its first, overlapped with the
     * filter's from {@code start}: where the filter goes on at the chain's end node,
     * {@link #CHAIN_MISSES} or {@link #CHAIN_TAKEN_BY_HASH}.
     */
    private static int overlapChainEnd(String piece, String[] rest, String filter, int start) {
        int pieces = rest == null ? 0 : rest.length;
        int next = 0;
        int at = Node.firstLevelEnd(piece) + 1;
        while (at <= piece.length()) {
            if (start > filter.length()) {
                return CHAIN_MISSES;
            }
            int end = levelEnd(filter, start);
            boolean single = end - start == 1;
            if (single && filter.charAt(start) == '#') {
                return CHAIN_TAKEN_BY_HASH;
            }
            boolean plus = single && filter.charAt(start) == '+';
            if (at == piece.length() && next < pieces) {
                piece = rest[next++];
                at = 1;
            } else if (plus) {
                int slash = piece.indexOf('/', at);
                at = (slash < 0 ? piece.length() : slash) + 1;
            } else if (chainLevelIs(piece, at, filter, start, end)) {
                at += end - start + 1;
            } else {
                return CHAIN_MISSES;
            }
            start = end + 1;
        }
        return start;
    }

    private static long below(Node child, String filter, int next, boolean dollar, int bit, PlaceholderValues values, long bounds) {
        return next == WHOLE_SUBTREE ? subtree(child, bit, values, bounds) : overlap(child, filter, next, dollar, bit, values, bounds);
    }

    /** Every rule under {@code node} overlaps a subscription that ends in {@code #} above it. */
    private static long subtree(Node node, int bit, PlaceholderValues values, long bounds) {
        if (node.subtreeMin >= OverlapBounds.worst(bounds)) {
            return bounds;
        }
        bounds = OverlapBounds.note(bounds, node.rules, bit);
        bounds = OverlapBounds.note(bounds, node.hashRules, bit);
        return throughWildcard(node, false, null, WHOLE_SUBTREE, false, bit, values, bounds);
    }

    /** Collects one who-expression's rule topics; not thread-safe. */
    public static final class Builder {
        private final LevelInterner interner;
        /**
         * The literal children of the nodes that have several, until {@link #build()} makes their
         * tables; made for the first such node ({@link #wide()}): most groups have none, and a
         * compilation holds every group's builder at once.
         */
        private Map<Node, Map<String, Node>> wide;
        private Node root;
        private Map<String, CompiledRule[]> exact;
        private CompiledRule[] any;
        private boolean literalsValid = true;

        /** @param interner shared by all builders of one compilation, so repeated levels are stored once */
        public Builder(LevelInterner interner) {
            this.interner = interner;
        }

        /** Adds one topic entry of {@code rule}; rules must be added in file order. */
        public Builder add(Topic topic, CompiledRule rule) {
            if (topic instanceof Topic.Any) {
                any = Node.append(any, rule);
            } else if (topic instanceof Topic.Exact eq) {
                if (exact == null) {
                    exact = new HashMap<>(4);
                }
                String key = interner.intern(eq.topic(), 0, eq.topic().length());
                exact.merge(key, new CompiledRule[] {rule}, (old, added) -> Node.append(old, rule));
            } else {
                addFilter(((Topic.Filter) topic).filter(), rule);
            }
            return this;
        }

        /**
         * Walks {@code filter} level by level in place ({@code filter[start, end)}), so a level
         * that is already shared costs no substring.
         */
        private void addFilter(String filter, CompiledRule rule) {
            if (root == null) {
                root = new Node();
            }
            Node node = root;
            int start = 0;
            // Looked for once per filter, not once per level: the search runs to the filter's end.
            int placeholder = filter.indexOf("${");
            while (true) {
                // levelEnd finds the level's end and checks its characters in one pass; it stops
                // at a wildcard or a character no topic name may hold, and then indexOf finds it.
                int levelEnd = TopicSyntax.levelEnd(filter, start);
                int slash = levelEnd >= 0 ? (levelEnd < filter.length() ? levelEnd : -1) : filter.indexOf('/', start);
                int end = slash < 0 ? filter.length() : slash;
                boolean single = end - start == 1;
                if (single && filter.charAt(start) == '#') {
                    node.hashRules = Node.append(node.hashRules, rule);
                    return;
                }
                if (single && filter.charAt(start) == '+') {
                    node = node.plusOrCreate();
                } else {
                    if (placeholder >= 0 && placeholder < start) {
                        placeholder = filter.indexOf("${", start);
                    }
                    Template template = placeholder >= 0 && placeholder < end ? Template.parse(filter.substring(start, end)) : null;
                    if (template != null) {
                        node = node.templateOrCreate(template);
                    } else {
                        literalsValid &= levelEnd == end;
                        node = node.childOrCreate(interner.intern(filter, start, end), this);
                    }
                }
                if (slash < 0) {
                    break;
                }
                start = slash + 1;
            }
            node.rules = Node.append(node.rules, rule);
        }

        /** {@link #wide}, made when first needed. */
        Map<Node, Map<String, Node>> wide() {
            if (wide == null) {
                wide = new HashMap<>();
            }
            return wide;
        }

        public boolean isEmpty() {
            return root == null && exact == null && any == null;
        }

        public TopicIndex build() {
            if (root != null) {
                root.freeze(wide);
                wide = null;
                root.compressPaths(interner);
            }
            return new TopicIndex(root, exact, any, literalsValid);
        }
    }
}
