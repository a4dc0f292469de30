package io.topicguard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code topicguard serve}: its options and their usage errors. Starting the broker is
 * {@link ServeLauncher}'s job, so that this class (which picocli inspects whenever any command
 * runs) names no broker or Netty type: {@code check}, {@code lint}, {@code convert} and
 * {@code passwd} run without Netty on the class path (CommandsWithoutNettyTest).
 */
@Command(name = "serve", description = "Run the MQTT broker, enforcing the policy.", mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOptions policyOptions = new PolicyOptions();

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep retained messages and persistent sessions in a store in DIR (created if missing), so they survive a restart"
                    + " or a crash. Without it, they live in memory only.")
    Path dataDir;

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
        requireTlsOptions();
        if (limits.problem() != null) {
            throw new ParameterException(spec.commandLine(), limits.problem());
        }
        ServeLauncher.Settings settings = new ServeLauncher.Settings(policyOptions.file(), policyOptions.format(), passwordFile,
                port, bind, tlsPort, cert, key, caFile, requireClientCert, metricsPort, metricsBind,
                decisionCache.equals("on"), Duration.ofSeconds(sysIntervalSeconds));
        return new ServeLauncher(settings, spec.commandLine().getErr()).limits(limits).dataDir(dataDir).run();
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

    /** TLS options that make no sense together are usage errors, found before anything is loaded. */
    private void requireTlsOptions() {
        if (tlsPort == null) {
            if (cert != null || key != null || caFile != null || requireClientCert) {
                throw new ParameterException(spec.commandLine(), "--cert, --key, --cafile and --require-client-cert need --tls-port");
            }
            return;
        }
        if (cert == null || key == null) {
            throw new ParameterException(spec.commandLine(), "--tls-port needs --cert and --key");
        }
        if (requireClientCert && caFile == null) {
            throw new ParameterException(spec.commandLine(), "--require-client-cert needs --cafile");
        }
    }
}
