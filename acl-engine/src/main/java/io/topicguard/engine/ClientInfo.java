package io.topicguard.engine;

import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What the policy knows about a connected client (docs/semantics.md, The client). Fixed for a connection.
 *
 * @param clientId   always present, may be empty
 * @param username   null when the client sent none (anonymous)
 * @param address    the peer address, or null when unknown (then no {@code ip} term matches)
 * @param commonName CN of the verified TLS client certificate, or null
 * @param listener   name of the listener the client came in on ({@code tcp}, {@code tls}), or null
 */
public record ClientInfo(String clientId, @Nullable String username, @Nullable InetAddress address,
                         @Nullable String commonName, @Nullable String listener) {

    public ClientInfo {
        Objects.requireNonNull(clientId, "clientId (use \"\" for an empty client id)");
    }

    public static Builder builder(String clientId) {
        return new Builder(clientId);
    }

    public boolean anonymous() {
        return username == null;
    }

    /** A readable builder for tests and callers that know only some attributes. */
    public static final class Builder {
        private final String clientId;
        private @Nullable String username;
        private @Nullable InetAddress address;
        private @Nullable String commonName;
        private @Nullable String listener;

        private Builder(String clientId) {
            this.clientId = clientId;
        }

        public Builder username(@Nullable String username) {
            this.username = username;
            return this;
        }

        public Builder address(@Nullable InetAddress address) {
            this.address = address;
            return this;
        }

        public Builder commonName(@Nullable String commonName) {
            this.commonName = commonName;
            return this;
        }

        public Builder listener(@Nullable String listener) {
            this.listener = listener;
            return this;
        }

        public ClientInfo build() {
            return new ClientInfo(clientId, username, address, commonName, listener);
        }
    }
}
