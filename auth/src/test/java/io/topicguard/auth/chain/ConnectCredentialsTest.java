package io.topicguard.auth.chain;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectCredentialsTest {

    private static ConnectCredentials alice(byte[] password) {
        return new ConnectCredentials("alice", password, "c1", InetAddress.getLoopbackAddress(), "alice-cert", "tls");
    }

    @Test
    void thePasswordIsCopiedInAndOutAndComparedByContent() {
        byte[] password = "s3cret".getBytes(US_ASCII);
        ConnectCredentials credentials = alice(password);
        password[0] = 'X';
        credentials.password()[1] = 'Y';

        assertThat(new String(credentials.password(), US_ASCII)).isEqualTo("s3cret");
        assertThat(credentials).isEqualTo(alice("s3cret".getBytes(US_ASCII))).isNotEqualTo(alice("other".getBytes(US_ASCII)));
        assertThat(credentials.peerHost()).isEqualTo(InetAddress.getLoopbackAddress().getHostAddress());
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(alice("s3cret".getBytes(US_ASCII)).toString()).doesNotContain("s3cret").contains("password=(6 bytes)", "cn=alice-cert");
        assertThat(alice(null).toString()).contains("password=none");
    }
}
