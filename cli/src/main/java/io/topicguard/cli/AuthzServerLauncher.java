package io.topicguard.cli;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.Authenticator;
import io.topicguard.auth.chain.AuthenticatorSetupException;
import io.topicguard.auth.chain.Authenticators;
import io.topicguard.auth.config.ConfigException;
import io.topicguard.auth.config.ConfigProblem;
import io.topicguard.auth.config.Configuration;
import io.topicguard.auth.config.ConfigurationLoader;
import io.topicguard.auth.config.HttpServerConfig;
import io.topicguard.auth.config.PolicyConfig;
import io.topicguard.auth.reload.HangupSignal;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.auth.reload.Reloader;
import io.topicguard.authz.AuthzServer;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.dsl.imports.PolicyImporter;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Starts what {@code topicguard authz-server} asked for: reads the configuration file, loads the
 * policy and builds the authentication chain, starts the HTTP listener (and the metrics one),
 * reloads the policy and the password files when they change or on SIGHUP (as {@code serve} does),
 * and runs until SIGTERM/SIGINT. Exit status 2 when the configuration, the policy, an authenticator or
 * the TLS files cannot be used (every problem on stderr), 1 when a port cannot be bound, 0 after a
 * clean stop or a successful {@code --check}.
 */
final class AuthzServerLauncher {

    private static final Logger LOG = LoggerFactory.getLogger("io.topicguard.authz.serve");

    /** Where the service listens when the file has no {@code http:} (docs/integrations.md). */
    static final HttpServerConfig DEFAULT_HTTP = new HttpServerConfig(8090, "127.0.0.1", null);

    private final Path configFile;
    private final boolean check;
    private final PrintWriter err;

    AuthzServerLauncher(Path configFile, boolean check, PrintWriter err) {
        this.configFile = configFile;
        this.check = check;
        this.err = err;
    }

    int run() {
        Configuration config;
        try {
            config = ConfigurationLoader.load(configFile);
        } catch (ConfigException e) {
            e.problems().stream().map(ConfigProblem::toString).forEach(err::println);
            err.flush();
            return 2;
        }
        PolicyConfig policyConfig = config.policy();
        if (policyConfig == null) {
            return fail(2, configFile + ": the configuration names no policy (policy: FILE)");
        }
        // The file and its format go together: every reload reads it in the same format.
        PolicySource source = new PolicySource(policyConfig.file(), PolicyFormat.valueOf(policyConfig.format().name()));
        Policy policy;
        try {
            policy = source.load();
        } catch (PolicyLoadException e) {
            e.diagnostics().stream().map(Diagnostic::format).forEach(err::println);
            err.flush();
            return 2;
        }
        List<Authenticator> authenticators;
        try {
            authenticators = Authenticators.create(config.authentication(), Clock.systemUTC());
        } catch (AuthenticatorSetupException e) {
            return fail(2, e.getMessage());
        }
        if (config.trustsUsernames()) {
            LOG.warn("trust-username: any presented username is admitted without a password check (tests and closed networks only)");
        }
        HttpServerConfig http = config.http() == null ? DEFAULT_HTTP : config.http();
        if (check) {
            authenticators.forEach(Authenticator::close);
            try {
                AuthzServer.check(http);
            } catch (IllegalArgumentException e) {
                return fail(2, e.getMessage());
            }
            // The warnings lint --config gives for a policy the decision service serves (TG108, TG110): never a failure.
            if (PolicyImporter.parse(source.file(), source.format()).result() instanceof ParseResult.Success parsed) {
                PolicyFiles.printDiagnostics(LintConfiguration.of(config, true).warnings(parsed.policy()), err);
            }
            err.println(configFile + ": ok (policy: " + policy.ruleCount() + " rules; " + authenticators.size() + " authenticators)");
            err.flush();
            return 0;
        }
        // Chain workers hold one blocking HTTP call or slow hash each; the queue absorbs a reconnect storm.
        AuthenticationChain chain = new AuthenticationChain(authenticators, Math.max(2, Runtime.getRuntime().availableProcessors()), 1000);
        // What is in force from here on is the reloader's: the policy, its includes and the password
        // files are watched and reloaded as the broker does (docs/operations.md), the last good version kept.
        Reloader reloader = Reloader.builder().policy(source, policy).passwordFiles(chain).build();
        AuthzServer server;
        try {
            reloader.watch(Reloader.DEFAULT_QUIET);
            server = AuthzServer.start(http, config.metrics(), reloader::policy, chain);
        } catch (IllegalArgumentException e) {
            reloader.close();
            chain.close();
            return fail(2, e.getMessage());
        } catch (IOException e) {
            reloader.close();
            chain.close();
            return fail(1, e.getMessage());
        }
        LOG.info("loaded policy {} ({} rules), {} authenticators", policyConfig.file(), policy.ruleCount(), authenticators.size());
        // kill -HUP reloads even unchanged files (a swapped ConfigMap directory is not seen by the watcher).
        // The signal thread only queues the reload; the reloader's own thread loads.
        HangupSignal.install(() -> reloader.request("SIGHUP", true));
        // SIGTERM or Ctrl-C: close the listeners, then the chain's workers and authenticators.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
            reloader.close();
            chain.close();
        }, "topicguard-shutdown"));
        server.awaitClose();
        return 0;
    }

    private int fail(int status, String message) {
        err.println("topicguard authz-server: " + message);
        err.flush();
        return status;
    }
}
