package io.topicguard.broker.metrics;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.OnDeny;
import io.topicguard.engine.OnPartial;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Subscription;
import io.topicguard.engine.Verdict;
import io.topicguard.engine.cache.CachedBinding;
import io.topicguard.engine.cache.DecisionCache;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The access control {@code topicguard serve} runs with: one compiled {@link Policy}, answers
 * optionally through a shared {@link DecisionCache}, every answer counted in
 * {@code topicguard_decisions_total} and timed in {@code topicguard_check_duration_seconds}.
 * Immutable; a reload builds a new one around the new policy (and the same cache, whose keys
 * cannot cross policies).
 */
public final class MeteredAccessControl implements AccessControl {

    private final Policy policy;
    private final DecisionCache cache;
    private final BrokerMetrics metrics;
    private final boolean disconnectOnDeny;
    private final boolean refusePartial;
    // The decisions_total series of each (verdict, reason), one table per action: found once,
    // then every check counts without building label lists or hashing them.
    private final DecisionCounters connects;
    private final DecisionCounters publishes;
    private final DecisionCounters subscribes;
    private final DecisionCounters deliveries;

    /** @param cache null to ask the engine every time */
    public MeteredAccessControl(Policy policy, DecisionCache cache, BrokerMetrics metrics) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cache = cache;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.disconnectOnDeny = policy.onDeny() == OnDeny.DISCONNECT;
        this.refusePartial = policy.onPartial() == OnPartial.DENY;
        this.connects = new DecisionCounters(metrics.decisions(), "connect");
        this.publishes = new DecisionCounters(metrics.decisions(), "publish");
        this.subscribes = new DecisionCounters(metrics.decisions(), "subscribe");
        this.deliveries = new DecisionCounters(metrics.decisions(), "deliver");
    }

    /** The compiled policy every binding answers from. */
    public Policy policy() {
        return policy;
    }

    @Override
    public ClientAccess bind(ClientInfo client) {
        ClientBinding binding = policy.bind(client);
        return new Bound(binding, cache == null ? null : cache.wrap(binding));
    }

    /** A client's answers; {@link #binding()} exposes the engine's view (superuser status) to the admin endpoints. */
    public final class Bound implements ClientAccess {
        private final ClientBinding binding;
        private final CachedBinding cached;

        private Bound(ClientBinding binding, CachedBinding cached) {
            this.binding = binding;
            this.cached = cached;
        }

        /** The engine's binding of this client to the policy. */
        public ClientBinding binding() {
            return binding;
        }

        @Override
        public ClientInfo client() {
            return binding.client();
        }

        @Override
        public Decision connect() {
            Decision d = binding.connect();
            connects.count(d);
            if (!d.allowed()) {
                metrics.authentications().increment(d.reason() == Reason.BANNED ? "banned" : "anonymous_refused");
            }
            return d;
        }

        @Override
        public Decision publish(String topic, int qos, boolean retain) {
            long start = System.nanoTime();
            Decision d = cached == null ? binding.publish(topic, qos, retain) : cached.publish(topic, qos, retain);
            metrics.checkLatency().observeNanos(System.nanoTime() - start);
            publishes.count(d);
            return d;
        }

        @Override
        public Decision subscribe(String filter, int qos) {
            long start = System.nanoTime();
            Decision d = cached == null ? binding.subscribe(filter, qos) : cached.subscribe(filter, qos);
            metrics.checkLatency().observeNanos(System.nanoTime() - start);
            subscribes.count(d);
            return d;
        }

        @Override
        public Decision deliver(String topic, Subscription subscription) {
            long start = System.nanoTime();
            Decision d = cached == null ? binding.deliver(topic, subscription) : cached.deliver(topic, subscription);
            metrics.checkLatency().observeNanos(System.nanoTime() - start);
            deliveries.count(d);
            return d;
        }

        @Override
        public boolean disconnectOnDeny() {
            return disconnectOnDeny;
        }

        @Override
        public boolean refusePartialSubscriptions() {
            return refusePartial;
        }
    }

    /** The counters of one action, looked up in the family on first use of each (verdict, reason). */
    private static final class DecisionCounters {
        private static final int REASONS = Reason.values().length;

        private final CounterFamily family;
        private final String action;
        private final AtomicReferenceArray<LongAdder> series = new AtomicReferenceArray<>(Verdict.values().length * REASONS);

        DecisionCounters(CounterFamily family, String action) {
            this.family = family;
            this.action = action;
        }

        void count(Decision d) {
            int i = d.verdict().ordinal() * REASONS + d.reason().ordinal();
            LongAdder counter = series.get(i);
            if (counter == null) {
                // Racing threads get the same counter from the family; whichever stores it last is fine.
                counter = family.series(action, d.verdict().word(), d.reason().word());
                series.set(i, counter);
            }
            counter.increment();
        }
    }
}
