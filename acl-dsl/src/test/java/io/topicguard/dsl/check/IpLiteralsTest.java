package io.topicguard.dsl.check;

import io.topicguard.dsl.ast.IpBlock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class IpLiteralsTest {

    private static IpBlock parsed(String text) {
        IpLiterals.Result result = IpLiterals.parse(text);
        assertThat(result).as(text).isInstanceOf(IpLiterals.Parsed.class);
        return ((IpLiterals.Parsed) result).block();
    }

    /** Expected bytes come from InetAddress, fed only literals (never a host name, so never DNS). */
    @ParameterizedTest
    @CsvSource({
            "10.1.2.3, 10.1.2.3, 32", "0.0.0.0/0, 0.0.0.0, 0", "192.168.7.9/24, 192.168.7.0, 24",
            "10.255.255.255/9, 10.128.0.0, 9",
            "::, ::, 128", "::1, ::1, 128", "::/0, ::, 0", "2001:db8::1, 2001:db8::1, 128",
            "2001:DB8:0:0:0:0:0:1/64, 2001:db8::, 64", "fd00::/8, fd00::, 8", "fdff:1::/7, fc00::, 7",
            "1::, 1::, 128", "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8, 128", "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0, 128",
            "64:ff9b::192.0.2.33/120, 64:ff9b::c000:200, 120",
            // an IPv4-mapped block of /96 or longer is the IPv4 block it maps (peers arrive as IPv4)
            "::ffff:10.0.0.1, 10.0.0.1, 32", "::ffff:10.1.2.3/104, 10.0.0.0, 8", "::ffff:0:0/96, 0.0.0.0, 0",
            "::ffff:0:0/95, ::fffe:0:0, 95"})
    void literalsParseToTheirAddressWithHostBitsCleared(String text, String address, int prefix) throws UnknownHostException {
        IpBlock block = parsed(text);
        byte[] expected = InetAddress.getByName(address).getAddress();
        assertThat(block.address()).isEqualTo(expected);
        assertThat(block.prefixLength()).isEqualTo(prefix);
        assertThat(block.text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "10.0.0", "10.0.0.0.0", "256.0.0.1", "01.2.3.4", "1.2.3.-4", "1..2.3",
            "localhost", "example.com", "::1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "12345::", "g::",
            ":1", "1:", "fe80::1%eth0", "::ffff:1.2.3", "1.2.3.4::", "10.0.0.0/33", "::/129", "10.0.0.0/-1",
            "10.0.0.0/", "10.0.0.0/8/8", "10.0.0.0/08x", " 10.0.0.1", "10.0.0.1 "})
    void nonLiteralsAreRejected(String text) {
        assertThat(IpLiterals.parse(text)).as(text).isInstanceOf(IpLiterals.Invalid.class);
    }
}
