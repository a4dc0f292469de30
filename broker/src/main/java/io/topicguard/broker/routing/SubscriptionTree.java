package io.topicguard.broker.routing;

import io.topicguard.engine.trie.TopicLevels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;

/**
 * Every subscription of every session, in a trie keyed by filter level, so that matching a topic
 * walks at most the topic's levels (times the wildcard branches), never the list of subscriptions.
 *
 * <p>Thread-safe: matching (every PUBLISH) takes a shared lock, (un)subscribing an exclusive one.
 * A {@link StampedLock}: unlike a ReentrantReadWriteLock it keeps no per-thread read counts, which
 * every event loop would otherwise update on every PUBLISH; nothing here takes it re-entrantly.
 * Empty branches are pruned on removal so the trie does not grow with churn.
 */
public final class SubscriptionTree {

    /**
     * What one topic matched: plain subscriptions (possibly several per client) and shared groups.
     *
     * @param onePerClient no client has two of {@code subscriptions}: they all come from one filter,
     *                     which holds one subscription per client, so nobody needs them grouped by client
     */
    public record Matches(List<Subscription> subscriptions, List<SharedGroup> groups, boolean onePerClient) {
        public boolean isEmpty() {
            return subscriptions.isEmpty() && groups.isEmpty();
        }
    }

    /**
     * One filter level. Its maps start as the shared empty {@code Map.of()} and become a HashMap on
     * first write: a trie holds a node per distinct level of every filter, most of them use one map
     * of the three (a filter's inner levels children, its last level subscribers), and with a
     * client-specific level ({@code devices/ID/+}) the empty ones were most of a subscription's memory.
     * Matching reads them as they are.
     */
    private static final class Node {
        Map<String, Node> children = Map.of();
        Map<String, Subscription> subscribers = Map.of();
        Map<String, SharedGroup> groups = Map.of();

        Node child(String level) {
            if (children.isEmpty()) {
                children = new HashMap<>(4);
            }
            // The wildcards are stored as the one constant each: a trie repeats them under every client-specific level.
            return children.computeIfAbsent(wildcardConstant(level), k -> new Node());
        }

        void subscribe(Subscription s) {
            if (subscribers.isEmpty()) {
                subscribers = new HashMap<>(2);
            }
            subscribers.put(s.clientId(), s);
        }

        SharedGroup group(String name, String topicFilter) {
            if (groups.isEmpty()) {
                groups = new HashMap<>(1);
            }
            return groups.computeIfAbsent(name, g -> new SharedGroup(g, topicFilter));
        }

        boolean isEmpty() {
            return children.isEmpty() && subscribers.isEmpty() && groups.isEmpty();
        }

        private static String wildcardConstant(String level) {
            return switch (level) {
                case "+" -> "+";
                case "#" -> "#";
                default -> level;
            };
        }
    }

    private final Node root = new Node();
    private final StampedLock lock = new StampedLock();

    /** Adds or replaces (MQTT-3.8.4-3) the subscription of {@code s.clientId()} to {@code s.filter()}. */
    public void add(Subscription s) {
        long stamp = lock.writeLock();
        try {
            Node node = root;
            for (String level : levels(s.topicFilter())) {
                node = node.child(level);
            }
            if (s.shared()) {
                node.group(s.shareGroup(), s.topicFilter()).put(s);
            } else {
                node.subscribe(s);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes {@code s} (matched by client id, filter and group); false when it was not there. */
    public boolean remove(Subscription s) {
        long stamp = lock.writeLock();
        try {
            return remove(root, levels(s.topicFilter()), 0, s);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private static boolean remove(Node node, String[] levels, int depth, Subscription s) {
        if (depth == levels.length) {
            if (s.shared()) {
                SharedGroup group = node.groups.get(s.shareGroup());
                if (group == null || !group.remove(s.clientId())) {
                    return false;
                }
                if (group.isEmpty()) {
                    node.groups.remove(s.shareGroup());
                }
                return true;
            }
            // Not remove() on an empty node: its Map.of() refuses every write, even one that would change nothing.
            return !node.subscribers.isEmpty() && node.subscribers.remove(s.clientId()) != null;
        }
        Node child = node.children.get(levels[depth]);
        if (child == null) {
            return false;
        }
        boolean removed = remove(child, levels, depth + 1, s);
        if (child.isEmpty()) {
            node.children.remove(levels[depth]);
        }
        return removed;
    }

    /** Everything that matches the topic name {@code topic}. */
    public Matches match(String topic) {
        String[] levels = levels(topic);
        List<Subscription> subscriptions = new ArrayList<>();
        List<SharedGroup> groups = new ArrayList<>();
        int filters;
        long stamp = lock.readLock();
        try {
            // MQTT-4.7.2-1: wildcards in the first level never match a topic beginning with '$'.
            boolean dollar = topic.startsWith("$");
            filters = walk(root, levels, 0, dollar, subscriptions, groups);
        } finally {
            lock.unlockRead(stamp);
        }
        return new Matches(subscriptions, groups, filters <= 1);
    }

    /** Collects what matches below {@code node}; returns how many filters contributed plain subscriptions. */
    private static int walk(Node node, String[] levels, int depth, boolean dollar, List<Subscription> subs, List<SharedGroup> groups) {
        int filters = 0;
        boolean wildcardsAllowed = !(dollar && depth == 0);
        if (wildcardsAllowed) {
            Node hash = node.children.get("#");
            if (hash != null) {
                // '#' matches this level and everything below it, including the parent ("a/#" matches "a").
                filters += collect(hash, subs, groups);
            }
        }
        if (depth == levels.length) {
            return filters + collect(node, subs, groups);
        }
        Node exact = node.children.get(levels[depth]);
        if (exact != null) {
            filters += walk(exact, levels, depth + 1, dollar, subs, groups);
        }
        if (wildcardsAllowed) {
            Node plus = node.children.get("+");
            if (plus != null) {
                filters += walk(plus, levels, depth + 1, dollar, subs, groups);
            }
        }
        return filters;
    }

    /** Returns 1 when {@code node}'s filter has plain subscriptions, else 0. */
    private static int collect(Node node, List<Subscription> subs, List<SharedGroup> groups) {
        // Added one by one: addAll would first copy the values into a fresh array, on every PUBLISH.
        for (Subscription s : node.subscribers.values()) {
            subs.add(s);
        }
        for (SharedGroup g : node.groups.values()) {
            groups.add(g);
        }
        return node.subscribers.isEmpty() ? 0 : 1;
    }

    /** Number of distinct nodes, for tests of pruning. */
    int nodeCount() {
        long stamp = lock.readLock();
        try {
            return count(root);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private static int count(Node node) {
        int n = 1;
        for (Node child : node.children.values()) {
            n += count(child);
        }
        return n;
    }

    private static String[] levels(String topic) {
        // Not String.split: it builds a list and grows an array on every PUBLISH the broker routes.
        return TopicLevels.split(topic);
    }
}
