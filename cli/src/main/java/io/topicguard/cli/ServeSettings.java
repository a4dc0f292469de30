package io.topicguard.cli;

import io.topicguard.auth.config.AuthenticatorConfig;
import io.topicguard.auth.config.Configuration;
import io.topicguard.auth.config.ListenerConfig;
import io.topicguard.auth.config.PasswordFileConfig;
import io.topicguard.auth.config.TlsConfig;
import io.topicguard.auth.config.TrustUsernameConfig;
import io.topicguard.auth.config.WebSocketConfig;
import io.topicguard.dsl.PolicyFormat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What {@code topicguard serve} runs with: the configuration file's keys with the command line's
 * options laid over them (docs/configuration.md, "The command line and the file"). An option given
 * on the command line always wins. Options that name one listener address it by name:
 * {@code --port} the listener {@code tcp}, {@code --tls-port}, {@code --cert}, {@code --key},
 * {@code --cafile} and {@code --require-client-cert} the listener {@code tls}, {@code --ws-port}
 * the listener {@code ws}; each changes that listener of the file, or adds it when the file has
 * none of that name. {@code --bind} applies to every listener. Names no broker type, so that
 * picocli can inspect {@code serve} without Netty on the class path.
 *
 * @param configFile     the configuration file, or null when {@code serve} was started without one
 * @param listeners      every MQTT listener, in the file's order, then those the options added
 * @param authentication the chain, in order; empty with a file means only anonymous clients (docs/authentication.md)
 * @param metricsPort    the admin endpoints' port, or null for none
 * @param dataDir        where persistence would keep its store, or null for memory only
 * @param useUsernameAsClientId mosquitto's use_username_as_clientid (a command-line option only, for now)
 * @param useIdentityAsUsername mosquitto's use_identity_as_username (a command-line option only, for now)
 */
record ServeSettings(Path configFile, Path policyFile, PolicyFormat policyFormat, List<ListenerConfig> listeners,
                     List<AuthenticatorConfig> authentication, Integer metricsPort, String metricsBind, boolean decisionCache,
                     Duration sysInterval, Path dataDir, boolean useUsernameAsClientId, boolean useIdentityAsUsername) {

    static final String DEFAULT_BIND = "127.0.0.1";
    static final int DEFAULT_PORT = 1883;
    static final String DEFAULT_WEBSOCKET_PATH = "/mqtt";
    static final Duration DEFAULT_SYS_INTERVAL = Duration.ofSeconds(10);

    /** The options of {@code serve} as the command line gave them: null (or false) where an option was not given. */
    record Flags(Path policy, PolicyFormat policyFormat, Path passwd, boolean trustUsernames,
                 Integer port, String bind, Integer tlsPort, Path cert, Path key, Path cafile, boolean requireClientCert,
                 Integer wsPort, Integer metricsPort, String metricsBind, Boolean decisionCache, Duration sysInterval, Path dataDir,
                 boolean useUsernameAsClientId, boolean useIdentityAsUsername) {

        boolean anyTlsFile() {
            return cert != null || key != null || cafile != null || requireClientCert;
        }
    }

    /** The options cannot be combined with the file; the message says which and why. */
    static final class Conflict extends Exception {
        Conflict(String message) {
            super(message);
        }
    }

    ServeSettings {
        listeners = List.copyOf(listeners);
        authentication = List.copyOf(authentication);
    }

    /** The settings of {@code flags} alone, as {@code serve} without {@code --config}. */
    static ServeSettings of(Flags flags) throws Conflict {
        return of(flags, null);
    }

    /** The settings of {@code file} (null: none) with {@code flags} laid over it. */
    static ServeSettings of(Flags flags, Configuration file) throws Conflict {
        Path policy = flags.policy();
        PolicyFormat format = flags.policyFormat();
        if (policy == null && file != null && file.policy() != null) {
            policy = file.policy().file();
            if (format == null) {
                format = PolicyFormat.valueOf(file.policy().format().name());
            }
        }
        if (policy == null) {
            throw new Conflict(file == null ? PolicyOrConfigOptions.MISSING
                    : "no policy: " + file.file() + " has no policy: key and --policy was not given");
        }
        if (format == null) {
            format = PolicyFormat.forFile(policy);
        }
        Integer metricsPort = flags.metricsPort() != null ? flags.metricsPort() : file != null && file.metrics() != null ? file.metrics().port() : null;
        String metricsBind = flags.metricsBind() != null ? flags.metricsBind()
                : file != null && file.metrics() != null ? file.metrics().bind() : DEFAULT_BIND;
        boolean decisionCache = flags.decisionCache() != null ? flags.decisionCache()
                : file != null && file.decisionCache() != null && file.decisionCache();
        Duration sysInterval = flags.sysInterval() != null ? flags.sysInterval()
                : file != null && file.sysInterval() != null ? file.sysInterval() : DEFAULT_SYS_INTERVAL;
        Path dataDir = flags.dataDir() != null ? flags.dataDir() : file != null ? file.persistence().dir() : null;
        return new ServeSettings(file == null ? null : file.file(), policy, format, listeners(flags, file), authentication(flags, file),
                metricsPort, metricsBind, decisionCache, sysInterval, dataDir, flags.useUsernameAsClientId(), flags.useIdentityAsUsername());
    }

    private static List<ListenerConfig> listeners(Flags flags, Configuration file) throws Conflict {
        List<ListenerConfig> listeners = new ArrayList<>(file == null ? List.of() : file.listeners());
        String bind = flags.bind() != null ? flags.bind() : DEFAULT_BIND;
        if (listeners.isEmpty() && flags.port() == null) {
            // No listener anywhere: the classic one, as serve has always had.
            listeners.add(new ListenerConfig("tcp", DEFAULT_PORT, bind, null, null));
        }
        if (flags.port() != null) {
            setOrAdd(listeners, "tcp", l -> withPort(l, flags.port()), () -> new ListenerConfig("tcp", flags.port(), bind, null, null));
        }
        if (flags.tlsPort() != null || flags.anyTlsFile()) {
            ListenerConfig tls = listeners.stream().filter(l -> l.name().equals("tls")).findFirst().orElse(null);
            if (tls == null) {
                if (flags.tlsPort() == null) {
                    throw new Conflict("--cert, --key, --cafile and --require-client-cert need --tls-port"
                            + (file == null ? "" : " (or a listener named tls in " + file.file() + ")"));
                }
                if (flags.cert() == null || flags.key() == null) {
                    throw new Conflict("--tls-port needs --cert and --key" + (file == null ? "" : " (the file has no listener named tls)"));
                }
                listeners.add(new ListenerConfig("tls", flags.tlsPort(), bind, tlsOf(flags, null), null));
            } else {
                TlsConfig base = tls.tls();
                if (base == null && (flags.cert() == null || flags.key() == null)) {
                    throw new Conflict("the listener tls of " + file.file() + " has no tls: keys, so --cert and --key are needed");
                }
                int port = flags.tlsPort() != null ? flags.tlsPort() : tls.port();
                listeners.set(listeners.indexOf(tls), new ListenerConfig("tls", port, tls.bind(), tlsOf(flags, base), tls.websocket()));
            }
        }
        if (flags.wsPort() != null) {
            setOrAdd(listeners, "ws", l -> withPort(l, flags.wsPort()),
                    () -> new ListenerConfig("ws", flags.wsPort(), bind, null, new WebSocketConfig(DEFAULT_WEBSOCKET_PATH)));
        }
        if (flags.bind() != null) {
            listeners.replaceAll(l -> new ListenerConfig(l.name(), l.port(), flags.bind(), l.tls(), l.websocket()));
        }
        return listeners;
    }

    private static void setOrAdd(List<ListenerConfig> listeners, String name, UnaryOperator<ListenerConfig> change,
                                 Supplier<ListenerConfig> added) {
        for (int i = 0; i < listeners.size(); i++) {
            if (listeners.get(i).name().equals(name)) {
                listeners.set(i, change.apply(listeners.get(i)));
                return;
            }
        }
        listeners.add(added.get());
    }

    private static ListenerConfig withPort(ListenerConfig l, int port) {
        return new ListenerConfig(l.name(), port, l.bind(), l.tls(), l.websocket());
    }

    /** The file's TLS keys (null: none) with the options given on the command line in their place. */
    private static TlsConfig tlsOf(Flags flags, TlsConfig base) throws Conflict {
        Path cafile = flags.cafile() != null ? flags.cafile() : base == null ? null : base.cafile();
        boolean require = flags.requireClientCert() || (base != null && base.requireClientCert());
        if (require && cafile == null) {
            throw new Conflict("--require-client-cert needs --cafile");
        }
        return new TlsConfig(flags.cert() != null ? flags.cert() : base.cert(), flags.key() != null ? flags.key() : base.key(),
                cafile, require);
    }

    /**
     * The chain: the file's, with {@code --passwd FILE} in place of its {@code password-file}
     * entries (where the first of them was, or first when there was none), and
     * {@code trust-username} last when {@code --trust-usernames} asks for it and the chain lacks it.
     */
    private static List<AuthenticatorConfig> authentication(Flags flags, Configuration file) {
        List<AuthenticatorConfig> chain = new ArrayList<>(file == null ? List.of() : file.authentication());
        if (flags.passwd() != null) {
            int first = 0;
            for (int i = 0; i < chain.size(); i++) {
                if (chain.get(i) instanceof PasswordFileConfig) {
                    first = i;
                    break;
                }
            }
            chain.removeIf(a -> a instanceof PasswordFileConfig);
            chain.add(Math.min(first, chain.size()), new PasswordFileConfig(flags.passwd()));
        }
        if (flags.trustUsernames() && chain.stream().noneMatch(a -> a instanceof TrustUsernameConfig)) {
            chain.add(new TrustUsernameConfig());
        }
        return chain;
    }

    /** {@code tcp 127.0.0.1:1883}, {@code ws 127.0.0.1:8080 /mqtt}, {@code wss 0.0.0.0:8443 /mqtt}: for {@code --check}'s summary. */
    static String describe(ListenerConfig l) {
        String transport = l.websocket() != null ? (l.tls() != null ? "wss" : "ws") : (l.tls() != null ? "tls" : "tcp");
        String where = (l.bind().contains(":") ? "[" + l.bind() + "]" : l.bind()) + ":" + l.port();
        String path = l.websocket() != null ? " " + l.websocket().path() : "";
        return l.name() + (l.name().equals(transport) ? "" : " (" + transport + ")") + " " + where + path;
    }

    /** The chain as the trace names it: {@code password-file, jwt, http}. */
    static String describe(List<AuthenticatorConfig> chain) {
        return chain.isEmpty() ? "none (anonymous clients only, if the policy allows them)"
                : String.join(" → ", chain.stream().map(AuthenticatorConfig::kind).toList());
    }
}
