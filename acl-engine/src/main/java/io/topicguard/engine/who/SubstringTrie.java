package io.topicguard.engine.who;

import java.util.Arrays;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Literals in a character trie, to find every literal that occurs somewhere in a string: one walk
 * from each position of the string, each at most as deep as the longest literal
 * ({@link RequiredLiterals#MAX_LENGTH}), so the cost depends on the string, not on the number of
 * literals. Immutable once {@link Builder#build} returned it.
 */
final class SubstringTrie {

    private final Node root;
    private final int depth;

    private SubstringTrie(Node root, int depth) {
        this.root = root;
        this.depth = depth;
    }

    /** Calls {@code action} with each value filed under a literal that occurs in {@code text}, once per occurrence. */
    void forEachOccurring(String text, Consumer<Object> action) {
        for (int start = 0; start < text.length(); start++) {
            Node node = root;
            int end = Math.min(text.length(), start + depth);
            for (int i = start; i < end; i++) {
                node = node.child(text.charAt(i));
                if (node == null) {
                    break;
                }
                for (Object value : node.values) {
                    action.accept(value);
                }
            }
        }
    }

    private static final class Node {
        private static final Object[] NONE = {};
        private static final Node[] LEAF = {};

        private final char[] keys;
        private final Node[] children;
        private final Object[] values;

        Node(char[] keys, Node[] children, Object[] values) {
            this.keys = keys;
            this.children = children;
            this.values = values;
        }

        Node child(char c) {
            int at = Arrays.binarySearch(keys, c);
            return at < 0 ? null : children[at];
        }
    }

    /** Collects literals; not thread-safe. */
    static final class Builder {
        private final Draft root = new Draft();
        private int depth;

        /** Files {@code value} under the non-empty {@code literal}. */
        void add(String literal, Object value) {
            Draft node = root;
            for (int i = 0; i < literal.length(); i++) {
                node = node.children.computeIfAbsent(literal.charAt(i), c -> new Draft());
            }
            node.values = Arrays.copyOf(node.values, node.values.length + 1);
            node.values[node.values.length - 1] = value;
            depth = Math.max(depth, literal.length());
        }

        boolean isEmpty() {
            return root.children.isEmpty();
        }

        SubstringTrie build() {
            return new SubstringTrie(root.freeze(), depth);
        }
    }

    private static final class Draft {
        final TreeMap<Character, Draft> children = new TreeMap<>();
        Object[] values = Node.NONE;

        Node freeze() {
            if (children.isEmpty()) {
                return new Node(new char[0], Node.LEAF, values);
            }
            char[] keys = new char[children.size()];
            Node[] frozen = new Node[children.size()];
            int i = 0;
            for (var child : children.entrySet()) {
                keys[i] = child.getKey();
                frozen[i++] = child.getValue().freeze();
            }
            return new Node(keys, frozen, values);
        }
    }
}
