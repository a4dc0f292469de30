package io.topicguard.broker.server;

import io.topicguard.auth.reload.ReloadResult;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.PasswordAuthenticator;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.engine.Policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How to start a {@link Broker}: what it enforces, where it listens, and how it reloads.
 *
 * <pre>{@code
 * PolicySource source = PolicySource.of(Path.of("policy.acl"));
 * BrokerConfig config = BrokerConfig.builder(source, source.load())
 *         .port(0)                       // an ephemeral port; Broker.tcpPort() says which
 *         .build();
 * }</pre>
 *
 * A broker built from a {@link PolicySource} reloads it (and the password file) when the files
 * change on disk, on {@link Broker#reload()} and, when asked, on SIGHUP. A broker built from an
 * {@link AccessControl} enforces that one for its whole life; only its password file reloads.
 * Immutable.
 *
 * @param accessControl   what new connections are bound to at start
 * @param policySource    where the policy comes from, or null for a fixed {@code accessControl}
 * @param policy          the policy loaded from {@code policySource} at start, or null with no source
 * @param policyAccess    how a (re)loaded policy becomes the access control; {@link AccessControl#of} by default
 * @param bindAddress     the address both listeners bind to (127.0.0.1 by default)
 * @param port            the plain TCP listener's port, 0 for an ephemeral one
 * @param tlsPort         the TLS listener's port, 0 for ephemeral, -1 for no TLS listener
 * @param tls             installs the TLS handlers; required when {@code tlsPort >= 0}
 * @param authenticator   the password file, or null to accept usernames without passwords
 * @param limits          the protocol limits every connection enforces
 * @param ioThreads       Netty event-loop threads, 0 for one per available processor
 * @param watchQuiet      how long the watched files must be quiet before a reload, or null not to watch them
 * @param reloadOnHangup  whether SIGHUP reloads (the handler is process-wide: one broker per JVM should ask)
 * @param onReload        told of every reload that loaded or failed to load a file (metrics); on the reloading thread
 * @param dataDir         where retained messages and persistent sessions are stored, or null to keep them in memory only
 */
public record BrokerConfig(AccessControl accessControl, PolicySource policySource, Policy policy, Function<Policy, AccessControl> policyAccess,
                           String bindAddress, int port, int tlsPort, TlsPipeline tls, PasswordAuthenticator authenticator,
                           ProtocolLimits limits, int ioThreads, Duration watchQuiet, boolean reloadOnHangup, Consumer<ReloadResult> onReload,
                           Path dataDir) {

    /** How long watched files must be quiet before a reload, unless {@link Builder#watchFiles} says otherwise. */
    public static final Duration DEFAULT_WATCH_QUIET = Duration.ofMillis(200);

    public BrokerConfig {
        Objects.requireNonNull(accessControl, "accessControl");
        Objects.requireNonNull(policyAccess, "policyAccess");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(onReload, "onReload");
        if ((policySource == null) != (policy == null)) {
            throw new IllegalArgumentException("a policy source needs the policy loaded from it, and a loaded policy its source");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (tlsPort < -1 || tlsPort > 0xFFFF) {
            throw new IllegalArgumentException("tlsPort must be -1 (none) or 0..65535, got " + tlsPort);
        }
        if (tlsPort >= 0 && tls == null) {
            throw new IllegalArgumentException("a TLS listener on port " + tlsPort + " needs a TlsPipeline");
        }
        if (watchQuiet != null && (watchQuiet.isNegative() || watchQuiet.isZero())) {
            throw new IllegalArgumentException("the quiet period of file watching must be positive, got " + watchQuiet);
        }
    }

    /** A broker that enforces {@code accessControl} for its whole life (tests, embedders with their own policy). */
    public static Builder builder(AccessControl accessControl) {
        return new Builder(Objects.requireNonNull(accessControl, "accessControl"), null, null);
    }

    /**
     * A broker that enforces the policy of {@code source} and reloads it from there.
     *
     * @param loaded the policy as {@link PolicySource#load()} just loaded it (the caller reports its problems)
     */
    public static Builder builder(PolicySource source, Policy loaded) {
        return new Builder(null, Objects.requireNonNull(source, "source"), Objects.requireNonNull(loaded, "loaded"));
    }

    /** A builder with the defaults: 127.0.0.1:1883, no TLS, no password file, files watched, SIGHUP not handled. */
    public static final class Builder {
        private final AccessControl accessControl;
        private final PolicySource policySource;
        private final Policy policy;
        private Function<Policy, AccessControl> policyAccess = AccessControl::of;
        private String bindAddress = "127.0.0.1";
        private int port = 1883;
        private int tlsPort = -1;
        private TlsPipeline tls;
        private PasswordAuthenticator authenticator;
        private ProtocolLimits limits = ProtocolLimits.defaults();
        private int ioThreads;
        private Duration watchQuiet = DEFAULT_WATCH_QUIET;
        private boolean reloadOnHangup;
        private Consumer<ReloadResult> onReload = result -> { };
        private Path dataDir;

        private Builder(AccessControl accessControl, PolicySource policySource, Policy policy) {
            this.accessControl = accessControl;
            this.policySource = policySource;
            this.policy = policy;
        }

        /** How the policy (at start and after each reload) becomes the access control, e.g. a metered one. */
        public Builder accessControl(Function<Policy, AccessControl> policyAccess) {
            this.policyAccess = policyAccess;
            return this;
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

        /** The password file CONNECT passwords are checked against; the broker reloads it with the policy. */
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

        /** Reload once the policy, its includes or the password file changed and stayed quiet for {@code quiet}; null: never. */
        public Builder watchFiles(Duration quiet) {
            this.watchQuiet = quiet;
            return this;
        }

        /** Reload on SIGHUP, as Unix daemons do (process-wide: for the one broker of a JVM). */
        public Builder reloadOnHangup(boolean reload) {
            this.reloadOnHangup = reload;
            return this;
        }

        /** Told of every reload that loaded or failed to load a file. */
        public Builder onReload(Consumer<ReloadResult> listener) {
            this.onReload = listener;
            return this;
        }

        /** Keep retained messages and persistent sessions in a store in {@code dir} (created if missing); null: memory only. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public BrokerConfig build() {
            AccessControl initial = policy != null ? policyAccess.apply(policy) : accessControl;
            return new BrokerConfig(initial, policySource, policy, policyAccess, bindAddress, port, tlsPort, tls, authenticator, limits,
                    ioThreads, watchQuiet, reloadOnHangup, onReload, dataDir);
        }
    }
}
