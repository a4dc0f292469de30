package io.topicguard.engine.who;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Address blocks (CIDRs) of one length of address, 4 or 16 bytes, in a binary trie: finding every
 * block that holds an address walks at most 32 or 128 nodes, whatever the number of blocks.
 *
 * <p>Nodes live in parallel arrays (child indexes and what is filed at the node) rather than
 * objects, because a policy of 65,536 distinct /24 blocks has about 200,000 nodes. Node 0 is the
 * root, so 0 as a child index means "none". Immutable once {@link Builder#build} returned it.
 */
final class PrefixTrie {

    private final int addressLength;
    private final int[] zero;
    private final int[] one;
    /** What is filed under the block ending at each node: null, one value, or an {@code Object[]} of several. */
    private final Object[] filed;

    private PrefixTrie(int addressLength, int[] zero, int[] one, Object[] filed) {
        this.addressLength = addressLength;
        this.zero = zero;
        this.one = one;
        this.filed = filed;
    }

    /** Calls {@code action} with each value filed under a block that holds {@code address}. */
    void forEachContaining(byte[] address, Consumer<Object> action) {
        if (address.length != addressLength) {
            return;
        }
        int node = 0;
        visit(filed[0], action);
        for (int bit = 0; bit < addressLength * 8; bit++) {
            boolean set = (address[bit >>> 3] & (0x80 >>> (bit & 7))) != 0;
            node = set ? one[node] : zero[node];
            if (node == 0) {
                return;
            }
            visit(filed[node], action);
        }
    }

    private static void visit(Object here, Consumer<Object> action) {
        if (here instanceof Object[] several) {
            for (Object value : several) {
                action.accept(value);
            }
        } else if (here != null) {
            action.accept(here);
        }
    }

    /** Collects blocks; not thread-safe. */
    static final class Builder {
        private final int addressLength;
        private int[] zero = new int[16];
        private int[] one = new int[16];
        private Object[] filed = new Object[16];
        private int nodes = 1;

        Builder(int addressLength) {
            this.addressLength = addressLength;
        }

        /** Files {@code value} under the block of {@code prefixLength} leading bits of {@code address}. */
        void add(byte[] address, int prefixLength, Object value) {
            if (address.length != addressLength) {
                throw new IllegalArgumentException("a " + address.length + "-byte address in a trie of "
                        + addressLength + "-byte addresses");
            }
            int node = 0;
            for (int bit = 0; bit < prefixLength; bit++) {
                boolean set = (address[bit >>> 3] & (0x80 >>> (bit & 7))) != 0;
                int[] children = set ? one : zero;
                if (children[node] == 0) {
                    int child = newNode();
                    (set ? one : zero)[node] = child; // newNode may have grown the arrays
                }
                node = (set ? one : zero)[node];
            }
            Object here = filed[node];
            if (here == null) {
                filed[node] = value;
            } else if (here instanceof Object[] several) {
                Object[] grown = Arrays.copyOf(several, several.length + 1);
                grown[several.length] = value;
                filed[node] = grown;
            } else {
                filed[node] = new Object[] {here, value};
            }
        }

        private int newNode() {
            if (nodes == zero.length) {
                int size = nodes * 2;
                zero = Arrays.copyOf(zero, size);
                one = Arrays.copyOf(one, size);
                filed = Arrays.copyOf(filed, size);
            }
            return nodes++;
        }

        boolean isEmpty() {
            return nodes == 1 && filed[0] == null;
        }

        PrefixTrie build() {
            return new PrefixTrie(addressLength, Arrays.copyOf(zero, nodes), Arrays.copyOf(one, nodes),
                    Arrays.copyOf(filed, nodes));
        }
    }
}
