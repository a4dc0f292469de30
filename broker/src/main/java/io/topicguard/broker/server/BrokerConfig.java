package io.topicguard.broker.server;

import io.topicguard.auth.reload.ReloadResult;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.broker.auth.IdentityOptions;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.engine.Policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * A broker built from a {@link PolicySource} reloads it (and the chain's password files) when the files
 * change on disk, on {@link Broker#reload()} and, when asked, on SIGHUP. A broker built from an
 * {@link AccessControl} enforces that one for its whole life; only its password files reload.
 * Immutable.
 *
 * @param accessControl   what new connections are bound to at start
 * @param policySource    where the policy comes from, or null for a fixed {@code accessControl}
 * @param policy          the policy loaded from {@code policySource} at start, or null with no source
 * @param policyAccess    how a (re)loaded policy becomes the access control; {@link AccessControl#of} by default
 * @param listeners       where clients connect, each under its name (at least one; names unique)
 * @param authentication  the chain every CONNECT is walked through after the policy's ban and
 *                        anonymous checks, or null for none: then only anonymous clients are
 *                        admitted, when the policy allows them; its password files reload with the policy
 * @param identity        how the client id and username are derived from a CONNECT
 * @param limits          the protocol limits every connection enforces
 * @param ioThreads       Netty event-loop threads, 0 for one per available processor
 * @param watchQuiet      how long the watched files must be quiet before a reload, or null not to watch them
 * @param reloadOnHangup  whether SIGHUP reloads (the handler is process-wide: one broker per JVM should ask)
 * @param onReload        told of every reload that loaded or failed to load a file (metrics); on the reloading thread
 * @param dataDir         where retained messages and persistent sessions are stored, or null to keep them in memory only
 */
public record BrokerConfig(AccessControl accessControl, PolicySource policySource, Policy policy, Function<Policy, AccessControl> policyAccess,
                           List<BrokerListener> listeners, AuthenticationChain authentication, IdentityOptions identity,
                           ProtocolLimits limits, int ioThreads, Duration watchQuiet, boolean reloadOnHangup, Consumer<ReloadResult> onReload,
                           Path dataDir) {

    /** How long watched files must be quiet before a reload, unless {@link Builder#watchFiles} says otherwise. */
    public static final Duration DEFAULT_WATCH_QUIET = Duration.ofMillis(200);

    public BrokerConfig {
        Objects.requireNonNull(accessControl, "accessControl");
        Objects.requireNonNull(policyAccess, "policyAccess");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(onReload, "onReload");
        if ((policySource == null) != (policy == null)) {
            throw new IllegalArgumentException("a policy source needs the policy loaded from it, and a loaded policy its source");
        }
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("a broker needs at least one listener");
        }
        Set<String> names = new HashSet<>();
        for (BrokerListener listener : listeners) {
            if (!names.add(listener.name())) {
                throw new IllegalArgumentException("two listeners are named '" + listener.name() + "'");
            }
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

    /**
     * A builder with the defaults: one listener {@code tcp} on 127.0.0.1:1883, no authentication chain,
     * files watched, SIGHUP not handled. {@link #bindAddress}, {@link #port} and {@link #tls}
     * shape the two classic listeners {@code tcp} and {@code tls}; {@link #listener} names each
     * listener instead (then only those listen). Not both.
     */
    public static final class Builder {
        private final AccessControl accessControl;
        private final PolicySource policySource;
        private final Policy policy;
        private Function<Policy, AccessControl> policyAccess = AccessControl::of;
        private String bindAddress = "127.0.0.1";
        private int port = 1883;
        private int tlsPort = -1;
        private TlsPipeline tls;
        private boolean classicListenerSet;
        private final List<BrokerListener> listeners = new ArrayList<>();
        private AuthenticationChain authentication;
        private IdentityOptions identity = IdentityOptions.AS_PRESENTED;
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

        /** The address the {@code tcp} and {@code tls} listeners bind to. */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            this.classicListenerSet = true;
            return this;
        }

        /** The port of the {@code tcp} listener, 0 for an ephemeral one. */
        public Builder port(int port) {
            this.port = port;
            this.classicListenerSet = true;
            return this;
        }

        /** Adds the {@code tls} listener on {@code tlsPort} (0 for ephemeral). */
        public Builder tls(int tlsPort, TlsPipeline tls) {
            this.tlsPort = tlsPort;
            this.tls = Objects.requireNonNull(tls, "tls");
            this.classicListenerSet = true;
            return this;
        }

        /** Adds a named listener; once one is added, the broker listens on the added ones only. */
        public Builder listener(BrokerListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The authentication chain every CONNECT is walked through; the broker reloads its password
         * files with the policy and closes it when it stops. Without one, only anonymous clients
         * are admitted (when the policy allows them).
         */
        public Builder authentication(AuthenticationChain chain) {
            this.authentication = chain;
            return this;
        }

        /** How the client id and username are derived (mosquitto's use_username_as_clientid, use_identity_as_username). */
        public Builder identity(IdentityOptions identity) {
            this.identity = identity;
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
            return new BrokerConfig(initial, policySource, policy, policyAccess, listeners(), authentication, identity, limits,
                    ioThreads, watchQuiet, reloadOnHangup, onReload, dataDir);
        }

        private List<BrokerListener> listeners() {
            if (!listeners.isEmpty()) {
                if (classicListenerSet) {
                    throw new IllegalStateException("name the listeners with listener(...) or set bindAddress/port/tls, not both");
                }
                return listeners;
            }
            List<BrokerListener> classic = new ArrayList<>();
            classic.add(BrokerListener.tcp("tcp", bindAddress, port));
            if (tls != null) {
                classic.add(BrokerListener.tcp("tls", bindAddress, tlsPort).tls(tls));
            }
            return classic;
        }
    }
}
