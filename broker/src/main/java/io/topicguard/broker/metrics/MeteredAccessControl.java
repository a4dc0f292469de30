package io.topicguard.broker.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.Admission;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.auth.PolicyAccessControl;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Subscription;
import io.topicguard.engine.Verdict;
import io.topicguard.engine.cache.DecisionCache;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The access control {@code topicguard serve} runs with: a {@link PolicyAccessControl} whose every
 * answer is counted in {@code topicguard_decisions_total} and timed in
 * {@code topicguard_check_duration_seconds}. It only measures; the answers are the policy's.
 * Immutable; a reload builds a new one around the new policy.
 */
public final class MeteredAccessControl implements AccessControl {

    private final PolicyAccessControl policy;
    private final BrokerMetrics metrics;
    // The decisions_total series of each (verdict, reason), one table per action: found once,
    // then every check counts without building label lists or hashing them.
    private final DecisionCounters connects;
    private final DecisionCounters publishes;
    private final DecisionCounters subscribes;
    private final DecisionCounters deliveries;

    public MeteredAccessControl(PolicyAccessControl policy, BrokerMetrics metrics) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.connects = new DecisionCounters(metrics.decisions(), "connect");
        this.publishes = new DecisionCounters(metrics.decisions(), "publish");
        this.subscribes = new DecisionCounters(metrics.decisions(), "subscribe");
        this.deliveries = new DecisionCounters(metrics.decisions(), "deliver");
    }

    /** Meters a {@link PolicyAccessControl} of {@code policy} and {@code cache} (null to ask the engine every time). */
    public MeteredAccessControl(Policy policy, DecisionCache cache, BrokerMetrics metrics) {
        this(new PolicyAccessControl(policy, cache), metrics);
    }

    /** The compiled policy every binding answers from. */
    public Policy policy() {
        return policy.policy();
    }

    @Override
    public ClientAccess bind(ClientInfo client) {
        return new Bound(policy.bind(client));
    }

    @Override
    public ClientAccess bind(ClientInfo client, Admission admission) {
        return new Bound(policy.bind(client, admission));
    }

    /** A client's answers; {@link #binding()} exposes the engine's view (superuser status) to the admin endpoints. */
    public final class Bound implements ClientAccess {
        private final PolicyAccessControl.Bound delegate;

        private Bound(PolicyAccessControl.Bound delegate) {
            this.delegate = delegate;
        }

        /** The engine's binding of this client to the policy: questions asked of it are neither cached nor counted. */
        public ClientBinding binding() {
            return delegate.binding();
        }

        /** Whether the policy's superuser statement or the admitting authenticator made the client a superuser. */
        public boolean superuser() {
            return delegate.superuser();
        }

        @Override
        public Admission admission() {
            return delegate.admission();
        }

        @Override
        public ClientInfo client() {
            return delegate.client();
        }

        @Override
        public Decision connect() {
            Decision d = delegate.connect();
            connects.count(d);
            if (!d.allowed()) {
                metrics.authentications().increment(d.reason() == Reason.BANNED ? "banned" : "anonymous_refused");
            }
            return d;
        }

        @Override
        public Decision publish(String topic, int qos, boolean retain) {
            long start = System.nanoTime();
            Decision d = delegate.publish(topic, qos, retain);
            metrics.checkLatency().observeNanos(System.nanoTime() - start);
            publishes.count(d);
            return d;
        }

        @Override
        public Decision subscribe(String filter, int qos) {
            long start = System.nanoTime();
            Decision d = delegate.subscribe(filter, qos);
            metrics.checkLatency().observeNanos(System.nanoTime() - start);
            subscribes.count(d);
            return d;
        }

        @Override
        public Decision deliver(String topic, Subscription subscription) {
            long start = System.nanoTime();
            Decision d = delegate.deliver(topic, subscription);
            metrics.checkLatency().observeNanos(System.nanoTime() - start);
            deliveries.count(d);
            return d;
        }

        @Override
        public boolean disconnectOnDeny() {
            return delegate.disconnectOnDeny();
        }

        @Override
        public boolean refusePartialSubscriptions() {
            return delegate.refusePartialSubscriptions();
        }
    }

    /** The counters of one action, looked up in the family on first use of each (verdict, reason). */
    private static final class DecisionCounters {
        private static final int REASONS = Reason.values().length;

        private final CounterFamily family;
        private final String action;
        private final AtomicReferenceArray<CounterDataPoint> series = new AtomicReferenceArray<>(Verdict.values().length * REASONS);

        DecisionCounters(CounterFamily family, String action) {
            this.family = family;
            this.action = action;
        }

        void count(Decision d) {
            int i = d.verdict().ordinal() * REASONS + d.reason().ordinal();
            CounterDataPoint counter = series.get(i);
            if (counter == null) {
                // Racing threads get the same counter from the family; whichever stores it last is fine.
                counter = family.series(action, d.verdict().word(), d.reason().word());
                series.set(i, counter);
            }
            counter.inc();
        }
    }
}
