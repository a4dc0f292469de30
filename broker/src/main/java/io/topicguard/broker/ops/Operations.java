package io.topicguard.broker.ops;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.ChainResult;
import io.topicguard.auth.chain.ChainStep;
import io.topicguard.broker.admin.AdminServer;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.metrics.BrokerGauges;
import io.topicguard.broker.metrics.BrokerMetrics;
import io.topicguard.broker.metrics.MeteredAccessControl;
import io.topicguard.broker.metrics.SysTopicPublisher;
import io.topicguard.broker.server.Broker;
import io.topicguard.auth.reload.ReloadResult;
import io.topicguard.engine.Policy;
import io.topicguard.engine.cache.DecisionCache;

import java.io.IOException;

/**
 * The live operations around one broker: metrics, the admin endpoints and the {@code $SYS}
 * summary. (Reloading belongs to the broker itself.) Two steps, because the broker must be
 * started with the metered access control and the reload counter:
 *
 * <pre>{@code
 * Operations ops = new Operations(options);
 * ops.observe(chain);                                            // when there is an authentication chain
 * Broker broker = Broker.start(BrokerConfig.builder(source, policy)
 *         .accessControl(ops::accessControl).onReload(ops::reloaded)...build());
 * ops.start(broker);
 * ...
 * ops.close();                                                   // before broker.close()
 * }</pre>
 */
public final class Operations implements AutoCloseable {

    private final OperationsOptions options;
    private final BrokerMetrics metrics = new BrokerMetrics();
    private final DecisionCache cache;
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

    /**
     * Counts every walk of {@code chain} in {@code topicguard_authentications_total}, and each
     * step's answer and latency per authenticator ({@code topicguard_authenticator_answers_total},
     * {@code topicguard_authenticator_duration_seconds}; password files also in
     * {@code topicguard_password_verification_duration_seconds}).
     */
    public void observe(AuthenticationChain chain) {
        chain.observe(this::count);
    }

    private void count(ChainResult result) {
        metrics.authentications().increment(switch (result.outcome()) {
            case ALLOWED -> "ok";
            case DENIED -> "bad_password";
            case NO_ANSWER -> "unknown_user";
            case BUSY -> "busy";
        });
        if (result.outcome() == ChainResult.Outcome.BUSY) {
            return; // no authenticator was asked
        }
        for (ChainStep step : result.steps()) {
            metrics.authenticatorAnswers().increment(step.authenticator(), step.answer().label());
            long nanos = step.latency().toNanos();
            metrics.authenticatorLatency().observeNanos(nanos, step.authenticator());
            if (step.authenticator().startsWith("password-file") && nanos > 0) {
                metrics.passwordLatency().observeNanos(nanos);
            }
        }
    }

    /** Counts a reload in {@code topicguard_reloads_total}: one per file reloaded or failed. */
    public void reloaded(ReloadResult result) {
        count(result.policy());
        count(result.passwords());
    }

    private void count(ReloadResult.Outcome outcome) {
        switch (outcome) {
            case RELOADED -> metrics.reloads().increment("success");
            case FAILED -> metrics.reloads().increment("failure");
            case UNCHANGED -> { }
        }
    }

    /**
     * Starts the broker's gauges, the admin endpoints (when a port was given) and the $SYS summary.
     *
     * @throws IOException when the admin port cannot be bound
     */
    public void start(Broker broker) throws IOException {
        BrokerGauges.register(metrics, broker);
        metrics.gauge("topicguard_policy_rules", "Rules of the policy in force.", () -> broker.status().policy().ruleCount());
        if (cache != null) {
            metrics.counter("topicguard_decision_cache_hits_total", "Decisions served from the decision cache.", cache::hits);
            metrics.counter("topicguard_decision_cache_misses_total", "Decisions the engine computed for the cache.", cache::misses);
        }
        try {
            if (options.adminPort() != null) {
                admin = AdminServer.start(options.adminBind(), options.adminPort(), metrics, () -> broker.status().policy(), broker::client);
            }
            if (!options.sysInterval().isZero()) {
                sys = SysTopicPublisher.start(metrics, broker, options.sysInterval());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public BrokerMetrics metrics() {
        return metrics;
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
    }
}
