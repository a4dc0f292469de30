package io.topicguard.broker.routing;

import io.topicguard.broker.log.LimitEvents;
import io.topicguard.engine.trie.TopicLevels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last retained message of every topic (MQTT 5.0 §3.3.1.3): set, replaced, and cleared by a
 * retained PUBLISH with an empty payload. Thread-safe.
 *
 * <p>Messages are held in a tree of topic levels, as subscriptions are in {@link SubscriptionTree},
 * so that a SUBSCRIBE costs what its filter matches: {@code a/+/c} visits the children of
 * {@code a} and one node under each, never the retained messages of other branches. (A scan of
 * every retained message on each wildcard SUBSCRIBE stalled the event loop, and every client on
 * it, for seconds with a few hundred thousand retained topics.)
 *
 * <p>Changes are serialized on the store; lookups take no lock and see each node's latest message.
 */
public final class RetainedStore {

    private static final class Node {
        final Map<String, Node> children = new ConcurrentHashMap<>(4);
        volatile Message message;
    }

    private final Node root = new Node();
    private final int maxMessages;
    private final long maxBytes;
    private int count;
    private long bytes;

    /** A store without limits. */
    public RetainedStore() {
        this(Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /** A store holding at most {@code maxMessages} retained messages weighing at most {@code maxBytes} ({@link #weight}). */
    public RetainedStore(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /**
     * Stores {@code message} as its topic's retained message, or clears it when the payload is
     * empty (MQTT-3.3.1-6/7). Returns null when done, or the limit that refused the message (the
     * store is then unchanged: what is retained stays).
     */
    public synchronized LimitEvents.Limit update(Message message) {
        String[] levels = TopicLevels.split(message.topic());
        if (message.payload().length == 0) {
            clear(root, levels, 0);
            return null;
        }
        Message previous = find(levels);
        if (previous == null && count >= maxMessages) {
            return LimitEvents.Limit.RETAINED_MESSAGES;
        }
        long grown = bytes + weight(message) - (previous == null ? 0 : weight(previous));
        if (grown > maxBytes && grown > bytes) {
            return LimitEvents.Limit.RETAINED_BYTES;
        }
        Node node = root;
        for (String level : levels) {
            node = node.children.computeIfAbsent(level, k -> new Node());
        }
        node.message = message;
        count += previous == null ? 1 : 0;
        bytes = grown;
        return null;
    }

    private Message find(String[] levels) {
        Node node = root;
        for (int i = 0; i < levels.length && node != null; i++) {
            node = node.children.get(levels[i]);
        }
        return node == null ? null : node.message;
    }

    /**
     * Clears {@code expired} from its topic, unless a newer retained message replaced it since it
     * was read: the expiry of one message never takes its successor with it. Returns whether it was cleared.
     */
    public synchronized boolean removeExpired(Message expired) {
        String[] levels = TopicLevels.split(expired.topic());
        if (find(levels) == expired) {
            clear(root, levels, 0);
            return true;
        }
        return false;
    }

    /** Clears the message at {@code levels} and prunes the branches left empty. */
    private Message clear(Node node, String[] levels, int depth) {
        if (depth == levels.length) {
            Message previous = node.message;
            node.message = null;
            if (previous != null) {
                count--;
                bytes -= weight(previous);
            }
            return previous;
        }
        Node child = node.children.get(levels[depth]);
        if (child == null) {
            return null;
        }
        Message previous = clear(child, levels, depth + 1);
        if (child.message == null && child.children.isEmpty()) {
            node.children.remove(levels[depth], child);
        }
        return previous;
    }

    /** The retained messages whose topics match {@code topicFilter} (no {@code $share/}). */
    public List<Message> matching(String topicFilter) {
        List<Message> out = new ArrayList<>();
        walk(root, TopicLevels.split(topicFilter), 0, out);
        return out;
    }

    private static void walk(Node node, String[] filter, int depth, List<Message> out) {
        if (depth == filter.length) {
            add(node, out);
            return;
        }
        String level = filter[depth];
        if (level.equals("#")) {
            // '#' matches the parent level too: "a/#" matches "a" (MQTT-4.7.1-2).
            add(node, out);
            for (Map.Entry<String, Node> e : node.children.entrySet()) {
                if (depth > 0 || !e.getKey().startsWith("$")) {
                    collect(e.getValue(), out);
                }
            }
        } else if (level.equals("+")) {
            for (Map.Entry<String, Node> e : node.children.entrySet()) {
                // MQTT-4.7.2-1: a filter starting with a wildcard does not match topics starting with '$'.
                if (depth > 0 || !e.getKey().startsWith("$")) {
                    walk(e.getValue(), filter, depth + 1, out);
                }
            }
        } else {
            Node child = node.children.get(level);
            if (child != null) {
                walk(child, filter, depth + 1, out);
            }
        }
    }

    private static void collect(Node node, List<Message> out) {
        add(node, out);
        for (Node child : node.children.values()) {
            collect(child, out);
        }
    }

    private static void add(Node node, List<Message> out) {
        Message m = node.message;
        if (m != null) {
            out.add(m);
        }
    }

    /** How many topics hold a retained message. */
    public synchronized int size() {
        return count;
    }

    /** The bytes the retained messages weigh: topics and payloads. */
    public synchronized long bytes() {
        return bytes;
    }

    /** What one retained message counts against the retained-bytes limit: its topic and payload. */
    public static long weight(Message m) {
        return m.topic().length() * 2L + m.payload().length;
    }
}
