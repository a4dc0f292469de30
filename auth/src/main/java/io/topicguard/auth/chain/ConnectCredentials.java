package io.topicguard.auth.chain;

import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a CONNECT tells about who is connecting: the username and password fields (either may be
 * absent: null), the client identifier, the peer's address, the common name of a verified TLS
 * client certificate (null without one) and the name of the listener it came in on.
 *
 * <p>The password is copied in and out, so a caller can wipe its own array; {@link #toString()}
 * never shows it.
 */
public record ConnectCredentials(@Nullable String username, byte @Nullable [] password, String clientId,
                                 InetAddress peerAddress, @Nullable String tlsCommonName, String listener) {

    public ConnectCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(listener, "listener");
        password = password == null ? null : password.clone();
    }

    /** A copy of the password field, or null when the CONNECT had none. */
    @Override
    public byte @Nullable [] password() {
        return password == null ? null : password.clone();
    }

    /** The peer's address as text ({@code 10.0.0.7}, {@code ::1}): EMQX's {@code ${peerhost}}. */
    public String peerHost() {
        return peerAddress.getHostAddress();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ConnectCredentials c && Objects.equals(username, c.username) && Arrays.equals(password, c.password)
                && clientId.equals(c.clientId) && peerAddress.equals(c.peerAddress)
                && Objects.equals(tlsCommonName, c.tlsCommonName) && listener.equals(c.listener);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, Arrays.hashCode(password), clientId, peerAddress, tlsCommonName, listener);
    }

    @Override
    public String toString() {
        return "ConnectCredentials[username=" + username + ", password=" + (password == null ? "none" : "(" + password.length + " bytes)")
                + ", clientId=" + clientId + ", peer=" + peerHost() + ", cn=" + tlsCommonName + ", listener=" + listener + "]";
    }
}
