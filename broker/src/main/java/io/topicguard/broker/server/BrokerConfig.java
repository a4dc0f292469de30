package io.topicguard.broker.server;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.PasswordAuthenticator;
import io.topicguard.broker.protocol.ProtocolLimits;

import java.util.Objects;

/**
 * How to start a {@link Broker}.
 *
 * <pre>{@code
 * BrokerConfig config = BrokerConfig.builder(AccessControl.of(Policy.load(Path.of("policy.acl"))))
 *         .port(0)                       // an ephemeral port; Broker.tcpPort() says which
 *         .build();
 * }</pre>
 *
 * @param bindAddress   the address both listeners bind to (docs/cli.md: 127.0.0.1 by default)
 * @param port          the plain TCP listener's port, 0 for an ephemeral one
 * @param tlsPort       the TLS listener's port, 0 for ephemeral, -1 for no TLS listener
 * @param tls           installs the TLS handlers; required when {@code tlsPort >= 0}
 * @param authenticator the password file, or null to accept usernames without passwords
 * @param ioThreads     Netty event-loop threads, 0 for one per available processor
 */
public record BrokerConfig(AccessControl accessControl, String bindAddress, int port, int tlsPort, TlsPipeline tls,
                           PasswordAuthenticator authenticator, ProtocolLimits limits, int ioThreads) {

    public BrokerConfig {
        Objects.requireNonNull(accessControl, "accessControl");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (tlsPort < -1 || tlsPort > 0xFFFF) {
            throw new IllegalArgumentException("tlsPort must be -1 (none) or 0..65535, got " + tlsPort);
        }
        if (tlsPort >= 0 && tls == null) {
            throw new IllegalArgumentException("a TLS listener on port " + tlsPort + " needs a TlsPipeline");
        }
    }

    public static Builder builder(AccessControl accessControl) {
        return new Builder(accessControl);
    }

    /** A builder with the defaults of docs/cli.md: 127.0.0.1:1883, no TLS, no password file. */
    public static final class Builder {
        private final AccessControl accessControl;
        private String bindAddress = "127.0.0.1";
        private int port = 1883;
        private int tlsPort = -1;
        private TlsPipeline tls;
        private PasswordAuthenticator authenticator;
        private ProtocolLimits limits = ProtocolLimits.defaults();
        private int ioThreads;

        private Builder(AccessControl accessControl) {
            this.accessControl = accessControl;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder tls(int tlsPort, TlsPipeline tls) {
            this.tlsPort = tlsPort;
            this.tls = tls;
            return this;
        }

        public Builder authenticator(PasswordAuthenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        public Builder limits(ProtocolLimits limits) {
            this.limits = limits;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public BrokerConfig build() {
            return new BrokerConfig(accessControl, bindAddress, port, tlsPort, tls, authenticator, limits, ioThreads);
        }
    }
}
