package io.topicguard.cli;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.Authenticator;
import io.topicguard.auth.chain.AuthenticatorSetupException;
import io.topicguard.auth.chain.Authenticators;
import io.topicguard.auth.config.AuthenticatorConfig;
import io.topicguard.auth.config.ListenerConfig;
import io.topicguard.auth.config.TlsConfig;
import io.topicguard.auth.config.TrustUsernameConfig;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.broker.auth.IdentityOptions;
import io.topicguard.broker.ops.Operations;
import io.topicguard.broker.ops.OperationsOptions;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.BrokerConfig;
import io.topicguard.broker.server.BrokerListener;
import io.topicguard.broker.server.TlsPipeline;
import io.topicguard.broker.tls.TlsConfigException;
import io.topicguard.broker.tls.TlsContextFactory;
import io.topicguard.broker.tls.TlsOptions;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyFile;
import io.topicguard.engine.PolicyLoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Starts what {@code topicguard serve} asked for: loads the policy, the authentication and the TLS
 * files, starts the broker on every listener with its metrics, admin endpoints and {@code $SYS}
 * topics, and runs until SIGTERM/SIGINT. Everything is loaded before anything binds, and every
 * problem found is printed (not just the first): exit status 2 when a file cannot be used,
 * 1 when a port cannot be bound, 0 after a clean stop. {@link #check()} loads the same way and
 * stops there ({@code serve --check}).
 */
final class ServeLauncher {

    private static final Logger LOG = LoggerFactory.getLogger("io.topicguard.broker.serve");

    private final ServeSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private LimitOptions limits = new LimitOptions();

    ServeLauncher(ServeSettings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** The resource limits given on the command line (the defaults hold for the others). */
    ServeLauncher limits(LimitOptions given) {
        this.limits = given;
        return this;
    }

    /** What {@link #load} found usable, ready to start a broker with. */
    private record Loaded(PolicySource source, Policy policy, List<BrokerListener> listeners) {
    }

    /** {@code serve --check}: loads and checks everything, binds nothing, says what it found. */
    int check() {
        List<String> problems = new ArrayList<>();
        Loaded loaded = load(problems);
        try {
            // Builds every authenticator as serving would (password files read, JWT keys parsed), then lets go.
            Authenticators.create(settings.authentication(), Clock.systemUTC()).forEach(Authenticator::close);
        } catch (AuthenticatorSetupException e) {
            problems.add("authentication: " + e.getMessage());
        }
        try {
            ServeLimits.of(limits);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (loaded == null || !problems.isEmpty()) {
            return fail(problems);
        }
        out.println(settings.configFile() != null ? shown(settings.configFile()) + ": ok" : "ok");
        out.println("policy: " + shown(settings.policyFile()) + " (" + settings.policyFormat().name().toLowerCase(Locale.ROOT) + ", "
                + loaded.policy().ruleCount() + (loaded.policy().ruleCount() == 1 ? " rule)" : " rules)"));
        for (ListenerConfig listener : settings.listeners()) {
            out.println("listener: " + ServeSettings.describe(listener));
        }
        out.println("authentication: " + ServeSettings.describe(settings.authentication()));
        if (settings.metricsPort() != null) {
            out.println("metrics: " + settings.metricsBind() + ":" + settings.metricsPort());
        }
        if (settings.dataDir() != null) {
            out.println("persistence: " + shown(settings.dataDir()));
        }
        out.flush();
        return 0;
    }

    int run() {
        OutOfMemoryExit.install();
        ProtocolLimits protocolLimits;
        try {
            protocolLimits = ServeLimits.of(limits);
        } catch (IllegalArgumentException e) {
            return fail(2, e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Loaded loaded = load(problems);
        if (loaded != null) {
            Policy policy = loaded.policy();
            LOG.info("loaded policy {} ({} rules)", policy.files().stream().map(PolicyFile::displayName).collect(Collectors.joining(", ")),
                    policy.ruleCount());
        }
        AuthenticationChain chain = null;
        try {
            chain = chain();
        } catch (AuthenticatorSetupException e) {
            problems.add("authentication: " + e.getMessage());
        }
        if (loaded == null || !problems.isEmpty()) {
            if (chain != null) {
                chain.close();
            }
            return fail(problems);
        }
        Policy policy = loaded.policy();
        Operations ops = new Operations(OperationsOptions.defaults().withAdminPort(settings.metricsPort(), settings.metricsBind())
                .withDecisionCacheSize(settings.decisionCache() ? OperationsOptions.DEFAULT_CACHE_SIZE : 0)
                .withSysInterval(settings.sysInterval()));
        if (chain != null) {
            ops.observe(chain);
        }
        if (settings.dataDir() != null) {
            LOG.info("persistence: retained messages and persistent sessions are kept in {}", shown(settings.dataDir()));
        }

        // The broker owns what is in force from here on: it watches the files and reloads on SIGHUP.
        BrokerConfig.Builder config = BrokerConfig.builder(loaded.source(), policy).accessControl(ops::accessControl).onReload(ops::reloaded)
                .reloadOnHangup(true).authentication(chain)
                .identity(new IdentityOptions(settings.useUsernameAsClientId(), settings.useIdentityAsUsername()))
                .limits(protocolLimits).dataDir(settings.dataDir());
        loaded.listeners().forEach(config::listener);
        Broker broker;
        try {
            broker = Broker.start(config.build());
        } catch (IOException e) {
            if (chain != null) {
                chain.close();
            }
            return fail(1, e.getMessage());
        }
        try {
            // Metrics, admin endpoints and $SYS (docs/operations.md).
            ops.start(broker);
        } catch (IOException e) {
            broker.close();
            return fail(1, e.getMessage());
        }
        awaitShutdown(ops, broker);
        return 0;
    }

    /**
     * Loads the policy and every listener's TLS files and checks the addresses. Policy
     * diagnostics are printed at once, in their own form; every other problem is added to
     * {@code problems}, one line each. Null when anything failed.
     */
    private Loaded load(List<String> problems) {
        // The file and its format go together: every reload reads it in the same format.
        // Named as a person would type it, so log lines and denials read examples/policy.acl:9, not a long absolute path.
        PolicySource source = new PolicySource(Path.of(shown(settings.policyFile())), settings.policyFormat());
        Policy policy = null;
        boolean policyFailed = false;
        try {
            policy = source.load();
        } catch (PolicyLoadException e) {
            policyFailed = true;
            for (Diagnostic d : e.diagnostics()) {
                err.println(d.format());
            }
        }
        List<BrokerListener> listeners = new ArrayList<>();
        Map<String, String> addresses = new HashMap<>();
        for (ListenerConfig l : settings.listeners()) {
            String where = settings.configFile() == null ? "" : "listener " + l.name() + ": ";
            if (!isAddress(l.bind())) {
                problems.add(where + "bind must be an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::, got '" + l.bind() + "'");
                continue;
            }
            String address = l.bind() + ":" + l.port();
            String earlier = l.port() == 0 ? null : addresses.putIfAbsent(address, l.name());
            if (earlier != null) {
                problems.add("listeners " + earlier + " and " + l.name() + " both ask for " + address);
            }
            BrokerListener listener = BrokerListener.tcp(l.name(), l.bind(), l.port());
            if (l.tls() != null) {
                try {
                    listener = listener.tls(TlsPipeline.of(TlsContextFactory.serverContext(tlsOptions(l.tls()))));
                } catch (TlsConfigException e) {
                    problems.add(where + e.getMessage());
                }
            }
            listeners.add(l.websocket() != null ? listener.webSocket(l.websocket().path()) : listener);
        }
        if (settings.metricsPort() != null && !isAddress(settings.metricsBind())) {
            problems.add("metrics bind must be an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::, got '" + settings.metricsBind() + "'");
        }
        if (settings.dataDir() != null && Files.exists(settings.dataDir()) && !Files.isDirectory(settings.dataDir())) {
            problems.add("persistence: " + settings.dataDir() + " is not a directory");
        }
        return problems.isEmpty() && !policyFailed ? new Loaded(source, policy, listeners) : null;
    }

    /**
     * The authentication chain in the configured order (docs/authentication.md), or null when
     * there is no authenticator: then only anonymous clients are admitted, when the policy allows them.
     */
    private AuthenticationChain chain() throws AuthenticatorSetupException {
        List<AuthenticatorConfig> configs = settings.authentication();
        if (configs.isEmpty()) {
            LOG.info("no authenticator (--passwd FILE, --trust-usernames, authentication:): only anonymous clients are admitted,"
                    + " when the policy allows them");
            return null;
        }
        if (configs.stream().anyMatch(a -> a instanceof TrustUsernameConfig)) {
            LOG.warn("trust-username: any username a client presents is admitted without a password check;"
                    + " for tests and closed networks only");
        }
        List<Authenticator> links = Authenticators.create(configs, Clock.systemUTC());
        LOG.info("authentication chain: {}", ServeSettings.describe(configs));
        return limits.authQueue == null ? AuthenticationChain.of(links) : AuthenticationChain.of(links, limits.authQueue);
    }

    private static TlsOptions tlsOptions(TlsConfig tls) {
        return new TlsOptions(tls.cert(), tls.key(), tls.cafile(), tls.requireClientCert());
    }

    /** Listen addresses are IP literals (or localhost): never a DNS lookup at start. */
    private static boolean isAddress(String value) {
        if ("localhost".equals(value)) {
            return true;
        }
        try {
            IpLiteral.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code path} relative to the working directory when it is inside it, as a person would type it. */
    private static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : path.toString();
    }

    private int fail(List<String> problems) {
        for (String problem : problems) {
            err.println("topicguard serve: " + problem);
        }
        err.flush();
        return 2;
    }

    private int fail(int status, String message) {
        err.println("topicguard serve: " + message);
        err.flush();
        return status;
    }

    private static void awaitShutdown(Operations ops, Broker broker) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            ops.close();
            broker.close();
            stopped.countDown();
        }, "topicguard-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
