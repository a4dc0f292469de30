package io.topicguard.dsl.ast;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address or CIDR block, parsed from a literal (never resolved through DNS).
 *
 * @param text         as written in the policy
 * @param address      4 or 16 bytes, host bits already cleared
 * @param prefixLength 0..32 or 0..128; a plain address has the full length
 */
public record IpBlock(String text, byte[] address, int prefixLength) {

    public IpBlock {
        address = address.clone();
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpBlock other && prefixLength == other.prefixLength && Arrays.equals(address, other.address);
    }

    @Override
    public int hashCode() {
        // Arrays.hashCode of four small bytes folds 10.g.i.0 and 10.(g+1).(i-31).0 together: thousands
        // of blocks would share a few hash values. Mixing each byte in whole spreads them.
        int hash = prefixLength;
        for (byte b : address) {
            hash = (hash << 8 | hash >>> 24) ^ (b & 0xff);
        }
        return hash * 0x9E3779B9;
    }

    @Override
    public String toString() {
        return text;
    }
}
