package io.topicguard.cli;

import io.topicguard.auth.password.PasswordFileException;
import io.topicguard.broker.auth.PasswordAuthenticator;
import io.topicguard.broker.ops.Operations;
import io.topicguard.broker.ops.OperationsOptions;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.BrokerConfig;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.broker.server.TlsPipeline;
import io.topicguard.broker.tls.TlsConfigException;
import io.topicguard.broker.tls.TlsContextFactory;
import io.topicguard.broker.tls.TlsOptions;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyFile;
import io.topicguard.engine.PolicyLoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Starts what {@code topicguard serve} asked for: loads the policy and the password file, starts
 * the broker with its metrics, admin endpoints and {@code $SYS} topics, and runs until
 * SIGTERM/SIGINT. Exit status 2 when the policy, the password file or the TLS files cannot be used
 * (the cause on stderr), 1 when a port cannot be bound, 0 after a clean stop.
 */
final class ServeLauncher {

    private static final Logger LOG = LoggerFactory.getLogger("io.topicguard.broker.serve");

    /** The validated options of {@code serve}; null where an option was not given. */
    record Settings(Path policyFile, PolicyFormat policyFormat, Path passwordFile,
                    int port, String bind,
                    Integer tlsPort, Path cert, Path key, Path caFile,
                    boolean requireClientCert,
                    Integer metricsPort, String metricsBind, boolean decisionCache, Duration sysInterval) {
    }

    private final Settings settings;
    private final PrintWriter err;
    private LimitOptions limits = new LimitOptions();
    private Path dataDir;

    ServeLauncher(Settings settings, PrintWriter err) {
        this.settings = settings;
        this.err = err;
    }

    /** The resource limits given on the command line (the defaults hold for the others). */
    ServeLauncher limits(LimitOptions given) {
        this.limits = given;
        return this;
    }

    /** Where retained messages and persistent sessions are stored; null: memory only. */
    ServeLauncher dataDir(Path dir) {
        this.dataDir = dir;
        return this;
    }

    int run() {
        OutOfMemoryExit.install();
        ProtocolLimits protocolLimits;
        try {
            protocolLimits = ServeLimits.of(limits);
        } catch (IllegalArgumentException e) {
            return fail(2, e.getMessage());
        }
        Operations ops = new Operations(OperationsOptions.defaults().withAdminPort(settings.metricsPort(), settings.metricsBind())
                .withDecisionCacheSize(settings.decisionCache() ? OperationsOptions.DEFAULT_CACHE_SIZE : 0)
                .withSysInterval(settings.sysInterval()));
        TlsPipeline tls = null;
        if (settings.tlsPort() != null) {
            tls = tlsPipeline();
            if (tls == null) {
                return 2;
            }
        }
        // The file and its format go together: every reload reads it in the same format.
        PolicySource source = new PolicySource(settings.policyFile(), settings.policyFormat());
        Policy policy;
        try {
            policy = source.load();
        } catch (PolicyLoadException e) {
            for (Diagnostic d : e.diagnostics()) {
                err.println(d.format());
            }
            err.flush();
            return 2;
        }
        LOG.info("loaded policy {} ({} rules)", policy.files().stream().map(PolicyFile::displayName).collect(Collectors.joining(", ")),
                policy.ruleCount());

        PasswordAuthenticator authenticator = null;
        if (settings.passwordFile() != null) {
            try {
                authenticator = PasswordAuthenticator.load(settings.passwordFile());
            } catch (PasswordFileException e) {
                return fail(2, e.getMessage());
            }
            LOG.info("loaded {} password entries from {}", authenticator.entries(), settings.passwordFile());
            ops.observe(authenticator);
        } else {
            LOG.info("no --passwd: usernames are accepted without a password check");
        }

        // The broker owns what is in force from here on: it watches the files and reloads on SIGHUP.
        BrokerConfig.Builder config = BrokerConfig.builder(source, policy).accessControl(ops::accessControl).onReload(ops::reloaded)
                .reloadOnHangup(true).bindAddress(settings.bind()).port(settings.port()).authenticator(authenticator)
                .limits(protocolLimits).dataDir(dataDir);
        if (tls != null) {
            config.tls(settings.tlsPort(), tls);
        }
        Broker broker;
        try {
            broker = Broker.start(config.build());
        } catch (IOException e) {
            if (authenticator != null) {
                authenticator.close();
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

    /** The TLS listener's handlers, or null with the cause on stderr when the files cannot be used. */
    private TlsPipeline tlsPipeline() {
        try {
            return TlsPipeline.of(TlsContextFactory.serverContext(
                    new TlsOptions(settings.cert(), settings.key(), settings.caFile(), settings.requireClientCert())));
        } catch (TlsConfigException e) {
            fail(2, e.getMessage());
            return null;
        }
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
