package io.topicguard.cli;

import io.topicguard.broker.auth.PasswordAuthenticator;
import io.topicguard.broker.ops.Operations;
import io.topicguard.broker.ops.OperationsOptions;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerConfig;
import io.topicguard.broker.server.TlsPipeline;
import io.topicguard.broker.tls.TlsConfigException;
import io.topicguard.broker.tls.TlsContextFactory;
import io.topicguard.broker.tls.TlsOptions;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyFile;
import io.topicguard.engine.PolicyLoadException;
import io.topicguard.auth.password.PasswordFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code topicguard serve} (docs/cli.md): loads the policy and the password file, starts the
 * broker and runs until SIGTERM/SIGINT. Exit status 2 when the policy, the password file or the
 * TLS files cannot be used (diagnostics on stderr), 1 when a port cannot be bound.
 */
@Command(name = "serve", description = "Run the MQTT broker, enforcing the policy.", mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger("io.topicguard.broker.serve");

    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions policyOptions = new PolicyOptions();

    @Option(names = "--passwd", paramLabel = "FILE",
            description = "A mosquitto-compatible password file. Without it, usernames are accepted without a password check.")
    Path passwordFile;

    @Option(names = "--port", defaultValue = "1883", paramLabel = "PORT", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--tls-port", paramLabel = "PORT", description = "Also listen for MQTT over TLS on this port (needs --cert and --key).")
    Integer tlsPort;

    @Option(names = "--cert", paramLabel = "PEM", description = "The server certificate (chain), PEM.")
    Path cert;

    @Option(names = "--key", paramLabel = "PEM", description = "The server certificate's private key, PEM.")
    Path key;

    @Option(names = "--cafile", paramLabel = "PEM", description = "CA certificates that client certificates are verified against.")
    Path caFile;

    @Option(names = "--require-client-cert", description = "Refuse TLS clients without a certificate signed by --cafile.")
    boolean requireClientCert;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the admin endpoints (/metrics, /policy, /clients/...) over HTTP on this port (0 picks a free one).")
    Integer metricsPort;

    @Option(names = "--metrics-bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address of the admin endpoints (default ${DEFAULT-VALUE}; they have no authentication).")
    String metricsBind;

    @Option(names = "--decision-cache", defaultValue = "off", paramLabel = "on|off",
            description = "Cache publish/subscribe/deliver decisions (default ${DEFAULT-VALUE}); see docs/operations.md.")
    String decisionCache;

    @Option(names = "--sys-interval", defaultValue = "10", paramLabel = "SECONDS",
            description = "Publish the $SYS/topicguard/... summary every SECONDS (default ${DEFAULT-VALUE}; 0: never).")
    int sysIntervalSeconds;

    @Override
    public Integer call() {
        requirePort("--port", port);
        requirePort("--tls-port", tlsPort);
        requirePort("--metrics-port", metricsPort);
        requireAddress("--bind", bind);
        requireAddress("--metrics-bind", metricsBind);
        if (!decisionCache.equals("on") && !decisionCache.equals("off")) {
            throw new ParameterException(spec.commandLine(), "--decision-cache takes on or off, got '" + decisionCache + "'");
        }
        if (sysIntervalSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--sys-interval must not be negative, got " + sysIntervalSeconds);
        }
        Operations ops = new Operations(OperationsOptions.defaults().withAdminPort(metricsPort, metricsBind)
                .withDecisionCacheSize(decisionCache.equals("on") ? OperationsOptions.DEFAULT_CACHE_SIZE : 0)
                .withSysInterval(Duration.ofSeconds(sysIntervalSeconds)));
        PrintWriter err = spec.commandLine().getErr();
        TlsPipeline tls = tlsPipeline(err);
        if (tlsPort != null && tls == null) {
            return 2;
        }
        Policy policy;
        try {
            policy = Policy.load(policyOptions.file(), policyOptions.format());
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
        if (passwordFile != null) {
            try {
                authenticator = PasswordAuthenticator.load(passwordFile);
            } catch (PasswordFileException e) {
                err.println("topicguard serve: " + e.getMessage());
                err.flush();
                return 2;
            }
            LOG.info("loaded {} password entries from {}", authenticator.entries(), passwordFile);
            ops.observe(authenticator);
        } else {
            LOG.info("no --passwd: usernames are accepted without a password check");
        }

        BrokerConfig.Builder config = BrokerConfig.builder(ops.accessControl(policy)).bindAddress(bind).port(port).authenticator(authenticator);
        if (tls != null) {
            config.tls(tlsPort, tls);
        }
        Broker broker;
        try {
            broker = Broker.start(config.build());
        } catch (IOException e) {
            if (authenticator != null) {
                authenticator.close();
            }
            err.println("topicguard serve: " + e.getMessage());
            err.flush();
            return 1;
        }
        try {
            // Hot reload, metrics, admin endpoints and $SYS (docs/operations.md).
            ops.start(broker, policyOptions.file(), policy, passwordFile, authenticator);
        } catch (IOException e) {
            broker.close();
            err.println("topicguard serve: " + e.getMessage());
            err.flush();
            return 1;
        }
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
        return 0;
    }

    private void requirePort(String option, Integer value) {
        if (value != null && (value < 0 || value > 65_535)) {
            throw new ParameterException(spec.commandLine(), option + " must be a port number 0..65535 (0 picks a free one), got " + value);
        }
    }

    /** Listen addresses are IP literals (or localhost): never a DNS lookup at start, and a typo is a usage error. */
    private void requireAddress(String option, String value) {
        if ("localhost".equals(value)) {
            return;
        }
        try {
            IpLiteral.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + " must be an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::, got '" + value + "'");
        }
    }

    /** The TLS listener's handlers, or null (with a message on stderr when TLS was asked for but cannot work). */
    private TlsPipeline tlsPipeline(PrintWriter err) {
        if (tlsPort == null) {
            if (cert != null || key != null || caFile != null || requireClientCert) {
                throw new ParameterException(spec.commandLine(), "--cert, --key, --cafile and --require-client-cert need --tls-port");
            }
            return null;
        }
        if (cert == null || key == null) {
            throw new ParameterException(spec.commandLine(), "--tls-port needs --cert and --key");
        }
        if (requireClientCert && caFile == null) {
            throw new ParameterException(spec.commandLine(), "--require-client-cert needs --cafile");
        }
        try {
            return TlsPipeline.of(TlsContextFactory.serverContext(new TlsOptions(cert, key, caFile, requireClientCert)));
        } catch (TlsConfigException e) {
            err.println("topicguard serve: " + e.getMessage());
            err.flush();
            return null;
        }
    }
}
