package io.topicguard.engine.who;

import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.engine.ClientInfo;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The address-block trie finds exactly the blocks the linear {@link IpPredicate} says hold an
 * address, IPv4, IPv6 and IPv4-mapped IPv6 peers alike. Blocks and addresses are drawn from few
 * bits so that prefixes nest and addresses fall into them often.
 */
class PrefixTrieProperties {

    @Property(tries = 500)
    void findsExactlyTheBlocksHoldingTheAddress(@ForAll long seed) throws UnknownHostException {
        Random r = new Random(seed);
        List<IpBlock> blocks = new ArrayList<>();
        PrefixTrie.Builder v4 = new PrefixTrie.Builder(4);
        PrefixTrie.Builder v6 = new PrefixTrie.Builder(16);
        for (int i = 1 + r.nextInt(40); i > 0; i--) {
            IpBlock block = block(r);
            blocks.add(block);
            (block.address().length == 4 ? v4 : v6).add(block.address(), block.prefixLength(), block);
        }
        PrefixTrie ipv4 = v4.build();
        PrefixTrie ipv6 = v6.build();
        for (int q = 0; q < 50; q++) {
            InetAddress peer = InetAddress.getByAddress(address(r));
            ClientInfo client = ClientInfo.builder("c").address(peer).build();
            Set<Object> expected = new HashSet<>();
            for (IpBlock block : blocks) {
                if (new IpPredicate(List.of(block)).test(client)) {
                    expected.add(block);
                }
            }
            Set<Object> found = new HashSet<>();
            byte[] raw = peer.getAddress();
            byte[] embedded = raw.length == 16 ? IpPredicate.ipv4Mapped(raw) : null;
            ipv4.forEachContaining(embedded != null ? embedded : raw, found::add);
            ipv6.forEachContaining(raw, found::add);
            assertThat(found).as("blocks %s holding %s", blocks, peer).isEqualTo(expected);
            Statistics.label("blocks holding the address").collect(Math.min(expected.size(), 3));
        }
    }

    private static IpBlock block(Random r) {
        byte[] address = address(r);
        int prefix = r.nextInt(address.length * 8 + 1);
        for (int bit = prefix; bit < address.length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new IpBlock("block", address, prefix);
    }

    /** 4 or 16 bytes, a few bits varying, sometimes a v4-mapped address. */
    private static byte[] address(Random r) {
        int kind = r.nextInt(3);
        byte[] address = new byte[kind == 0 ? 4 : 16];
        int from = kind == 2 ? 12 : 0;
        if (kind == 2) {
            address[10] = (byte) 0xff;
            address[11] = (byte) 0xff;
        }
        for (int i = from; i < address.length; i++) {
            address[i] = (byte) (r.nextBoolean() ? 10 : r.nextInt(4) << 6 | r.nextInt(2));
        }
        return address;
    }
}
