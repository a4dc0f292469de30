package io.topicguard.engine.review;

import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Reason;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review finding: {@code ban ip "::ffff:10.0.0.0/104"} banned nobody. Java hands every
 * IPv4-mapped peer over as its IPv4 address, and the block stayed IPv6, so it could match no peer
 * at all — a ban an operator believes in, silently inactive.
 */
class Ipv4MappedBlockTest {

    private static final String POLICY = """
            ban ip "::ffff:10.0.0.0/104"
            ban ip "::ffff:192.0.2.7"
            """;

    private static Reason connect(InetAddress peer) throws Exception {
        Policy policy = Policy.fromString("ban.acl", POLICY);
        return policy.bind(ClientInfo.builder("c").username("u").address(peer).build()).connect().reason();
    }

    @Test
    void anIpv4MappedBlockBansTheIpv4PeersItMaps() throws Exception {
        assertThat(connect(InetAddress.getByName("10.1.2.3"))).isEqualTo(Reason.BANNED);
        assertThat(connect(InetAddress.getByName("192.0.2.7"))).isEqualTo(Reason.BANNED);
        assertThat(connect(InetAddress.getByName("11.1.2.3"))).isEqualTo(Reason.DEFAULT);
    }

    @Test
    void anIpv4MappedPeerKeptAsIpv6IsBannedToo() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 9, 8, 7};
        assertThat(connect(Inet6Address.getByAddress(null, mapped, -1))).isEqualTo(Reason.BANNED);
    }
}
