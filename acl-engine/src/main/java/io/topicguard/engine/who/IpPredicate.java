package io.topicguard.engine.who;

import io.topicguard.dsl.ast.IpBlock;
import io.topicguard.engine.ClientInfo;

import java.net.InetAddress;
import java.util.List;

/**
 * {@code ip "..."} and {@code ip in [...]}: the peer address lies in one of the blocks.
 *
 * <p>An IPv4-mapped IPv6 peer ({@code ::ffff:a.b.c.d}) also matches IPv4 blocks through its
 * embedded address, so a dual-stack listener enforces the same IPv4 rules as a v4-only one. An
 * IPv4 peer is never compared with IPv6 blocks: {@code ip "::/0"} means "IPv6 peers".
 */
final class IpPredicate implements WhoPredicate {

    private final byte[][] addresses;
    private final int[] prefixLengths;

    IpPredicate(List<IpBlock> blocks) {
        addresses = new byte[blocks.size()][];
        prefixLengths = new int[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            addresses[i] = blocks.get(i).address();
            prefixLengths[i] = blocks.get(i).prefixLength();
        }
    }

    @Override
    public boolean test(ClientInfo client) {
        InetAddress peer = client.address();
        if (peer == null) {
            return false;
        }
        byte[] raw = peer.getAddress();
        byte[] embeddedV4 = raw.length == 16 ? ipv4Mapped(raw) : null;
        for (int i = 0; i < addresses.length; i++) {
            if (inBlock(raw, addresses[i], prefixLengths[i])
                    || (embeddedV4 != null && inBlock(embeddedV4, addresses[i], prefixLengths[i]))) {
                return true;
            }
        }
        return false;
    }

    /** The IPv4 address inside {@code ::ffff:a.b.c.d} (RFC 4291 §2.5.5.2), or null. */
    static byte[] ipv4Mapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return null;
            }
        }
        if (v6[10] != (byte) 0xff || v6[11] != (byte) 0xff) {
            return null;
        }
        return new byte[] {v6[12], v6[13], v6[14], v6[15]};
    }

    private static boolean inBlock(byte[] peer, byte[] block, int prefixLength) {
        if (peer.length != block.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (peer[i] != block[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - remainingBits)) & 0xff;
        return (peer[fullBytes] & mask) == (block[fullBytes] & mask);
    }
}
