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
        return 31 * Arrays.hashCode(address) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
