package io.topicguard.auth.chain;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/** CONNECT credentials for tests: from 127.0.0.1 on listener "tcp", without a certificate. */
public final class Credentials {

    private Credentials() {
    }

    public static ConnectCredentials of(String username, String password, String clientId) {
        return new ConnectCredentials(username, password == null ? null : password.getBytes(StandardCharsets.UTF_8), clientId,
                InetAddress.getLoopbackAddress(), null, "tcp");
    }
}
