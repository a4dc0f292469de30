package io.topicguard.broker.ops;

import io.topicguard.broker.admin.AdminServer;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.PasswordAuthenticator;
import io.topicguard.broker.metrics.BrokerGauges;
import io.topicguard.broker.metrics.BrokerMetrics;
import io.topicguard.broker.metrics.MeteredAccessControl;
import io.topicguard.broker.metrics.SysTopicPublisher;
import io.topicguard.broker.reload.FileWatcher;
import io.topicguard.broker.reload.HangupSignal;
import io.topicguard.broker.reload.ReloadCoordinator;
import io.topicguard.broker.server.Broker;
import io.topicguard.engine.Policy;
import io.topicguard.engine.cache.DecisionCache;
import io.topicguard.auth.password.PasswordFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * Live operations of one broker. Two steps, because the broker must be started with the metered
 * access control:
 *
 * <pre>{@code
 * Operations ops = new Operations(options);
 * ops.observe(authenticator);                                    // when there is a password file
 * Broker broker = Broker.start(BrokerConfig.builder(ops.accessControl(policy))...build());
 * ops.start(broker, policyFile, policy, passwordFile, authenticator);
 * ...
 * ops.close();                                                   // before broker.close()
 * }</pre>
 */
public final class Operations implements AutoCloseable {

    private final OperationsOptions options;
    private final BrokerMetrics metrics = new BrokerMetrics();
    private final DecisionCache cache;
    private ReloadCoordinator coordinator;
    private FileWatcher watcher;
    private AdminServer admin;
    private SysTopicPublisher sys;

    public Operations(OperationsOptions options) {
        this.options = options;
        this.cache = options.decisionCacheSize() > 0 ? new DecisionCache(options.decisionCacheSize()) : null;
    }

    /** The access control to start the broker with (and what every reload builds). */
    public AccessControl accessControl(Policy policy) {
        return new MeteredAccessControl(policy, cache, metrics);
    }

    /** Counts password verifications by outcome and times them. */
    public void observe(PasswordAuthenticator authenticator) {
        authenticator.observer((outcome, nanos) -> {
            metrics.authentications().increment(outcome == PasswordFile.Verification.OK ? "ok" : outcome.name().toLowerCase(Locale.ROOT));
            if (nanos > 0) {
                metrics.passwordLatency().observeNanos(nanos);
            }
        });
    }

    /**
     * Starts watching and reloading, the admin endpoints (when a port was given) and the $SYS summary.
     *
     * @throws IOException when the admin port cannot be bound or files cannot be watched
     */
    public void start(Broker broker, Path policyFile, Policy policy, Path passwordFile, PasswordAuthenticator authenticator)
            throws IOException {
        BrokerGauges.register(metrics, broker.context());
        metrics.gauge("topicguard_policy_rules", "Rules of the policy in force.", () -> coordinator.policy().ruleCount());
        if (cache != null) {
            metrics.counter("topicguard_decision_cache_hits_total", "Decisions served from the decision cache.", cache::hits);
            metrics.counter("topicguard_decision_cache_misses_total", "Decisions the engine computed for the cache.", cache::misses);
        }
        coordinator = new ReloadCoordinator(broker, policyFile, policy, passwordFile, authenticator, this::accessControl, metrics,
                Clock.systemUTC());
        try {
            watcher = new FileWatcher(options.quietPeriod(), () -> coordinator.reloadNow("file change", false));
            coordinator.onWatchedFilesChanged(watcher::watch);
            if (options.adminPort() != null) {
                admin = AdminServer.start(options.adminBind(), options.adminPort(), metrics, coordinator::status, broker.context().sessions());
            }
            if (options.handleSighup()) {
                // Last: once installed, the handler stays for the life of the JVM.
                HangupSignal.install(() -> coordinator.request("SIGHUP", true));
            }
            if (!options.sysInterval().isZero()) {
                sys = SysTopicPublisher.start(metrics, broker.context(), options.sysInterval());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public BrokerMetrics metrics() {
        return metrics;
    }

    /** The reload coordinator, once started. */
    public ReloadCoordinator reloads() {
        return coordinator;
    }

    /** The admin port bound, once started with one. */
    public int adminPort() {
        if (admin == null) {
            throw new IllegalStateException("no admin endpoints: start with an admin port");
        }
        return admin.port();
    }

    /** The decision cache, or null when switched off. */
    public DecisionCache decisionCache() {
        return cache;
    }

    @Override
    public void close() {
        if (sys != null) {
            sys.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
    }
}
