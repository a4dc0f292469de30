package io.topicguard.cli;

import io.topicguard.auth.config.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import io.topicguard.auth.config.Configuration;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code topicguard serve}: its options and their usage errors. Starting the broker is
 * {@link ServeLauncher}'s job, so that this class (which picocli inspects whenever any command
 * runs) names no broker or Netty type: {@code check}, {@code lint}, {@code convert} and
 * {@code passwd} run without Netty on the class path (CommandsWithoutNettyTest).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the MQTT broker, enforcing the policy.",
                "With --config FILE the broker's settings come from the file (docs/configuration.md); options given here win over its keys."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PolicyOrConfigOptions source = new PolicyOrConfigOptions();

    @Option(names = "--check", description = "Load and check the policy, the configuration and every file they name, then exit 0 (usable) or 2, binding nothing.")
    boolean check;

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep retained messages and persistent sessions in a store in DIR (created if missing), so they survive a restart"
                    + " or a crash. Without it (and without a persistence: key in --config), they live in memory only.")
    Path dataDir;

    @Option(names = "--passwd", paramLabel = "FILE",
            description = "A mosquitto-compatible password file. Without it (and without --trust-usernames or an authentication: list in --config), only anonymous clients are admitted, when the policy allows them.")
    Path passwordFile;

    @Option(names = "--trust-usernames",
            description = "Admit any presented username without a password check (after --passwd, for users it does not know). For tests and closed networks only.")
    boolean trustUsernames;

    @Option(names = "--use-username-as-clientid",
            description = "Replace each client's id by its username, as mosquitto's use_username_as_clientid (clients without a username are refused).")
    boolean useUsernameAsClientId;

    @Option(names = "--use-identity-as-username",
            description = "Use the verified TLS client certificate's CN as the username, with no password check, as mosquitto's use_identity_as_username (clients without a certificate are refused).")
    boolean useIdentityAsUsername;

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

    @Option(names = "--ws-port", paramLabel = "PORT", description = "Also accept MQTT over WebSocket at /mqtt on this port (the listener ws).")
    Integer wsPort;


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
        requirePort("--ws-port", wsPort);
        requirePort("--metrics-port", metricsPort);
        requireAddress("--bind", bind);
        requireAddress("--metrics-bind", metricsBind);
        if (!decisionCache.equals("on") && !decisionCache.equals("off")) {
            throw new ParameterException(spec.commandLine(), "--decision-cache takes on or off, got '" + decisionCache + "'");
        }
        if (sysIntervalSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--sys-interval must not be negative, got " + sysIntervalSeconds);
        }
        if (source.file == null && source.config == null) {
            throw new ParameterException(spec.commandLine(), PolicyOrConfigOptions.MISSING);
        }
        PrintWriter err = spec.commandLine().getErr();
        Configuration file = null;
        if (source.config != null) {
            file = ConfigFiles.load(source.config, err);
            if (file == null) {
                return TopicguardCommand.EXIT_USAGE;
            }
        }
        ServeSettings settings;
        try {
            settings = ServeSettings.of(flags(), file);
        } catch (ServeSettings.Conflict e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (limits.problem() != null) {
            throw new ParameterException(spec.commandLine(), limits.problem());
        }
        // The limits given as options win over the file's limits: keys.
        limits.orFrom(file == null ? null : file.limits());
        ServeLauncher launcher = new ServeLauncher(settings, spec.commandLine().getOut(), err).limits(limits);
        return check ? launcher.check() : launcher.run();
    }

    /** The options as given: an option left at its default is not given, so the file's key stands (ServeSettings). */
    private ServeSettings.Flags flags() {
        ParseResult given = spec.commandLine().getParseResult();
        return new ServeSettings.Flags(source.file, source.format, passwordFile, trustUsernames,
                given.hasMatchedOption("--port") ? port : null, given.hasMatchedOption("--bind") ? bind : null,
                tlsPort, cert, key, caFile, requireClientCert, wsPort, metricsPort,
                given.hasMatchedOption("--metrics-bind") ? metricsBind : null,
                given.hasMatchedOption("--decision-cache") ? decisionCache.equals("on") : null,
                given.hasMatchedOption("--sys-interval") ? Duration.ofSeconds(sysIntervalSeconds) : null, dataDir,
                useUsernameAsClientId, useIdentityAsUsername);
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
}
