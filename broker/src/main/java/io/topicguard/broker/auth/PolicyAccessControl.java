package io.topicguard.broker.auth;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.OnDeny;
import io.topicguard.engine.OnPartial;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Subscription;
import io.topicguard.engine.cache.CachedBinding;
import io.topicguard.engine.cache.DecisionCache;

import java.util.Objects;

/**
 * {@link AccessControl} over a compiled {@link Policy}: every answer comes from the engine, through
 * a shared {@link DecisionCache} when one is given. Immutable; a reload builds a new one around the
 * new policy (and the same cache, whose keys cannot cross policies).
 */
public final class PolicyAccessControl implements AccessControl {

    private final Policy policy;
    private final DecisionCache cache;
    private final boolean disconnectOnDeny;
    private final boolean refusePartial;

    /** @param cache null to ask the engine every time */
    public PolicyAccessControl(Policy policy, DecisionCache cache) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cache = cache;
        this.disconnectOnDeny = policy.onDeny() == OnDeny.DISCONNECT;
        this.refusePartial = policy.onPartial() == OnPartial.DENY;
    }

    /** The compiled policy every binding answers from. */
    public Policy policy() {
        return policy;
    }

    @Override
    public Bound bind(ClientInfo client) {
        return bind(client, Admission.NONE);
    }

    @Override
    public Bound bind(ClientInfo client, Admission admission) {
        // Carried rules take part where the policy says 'client rules' (ignored without that statement).
        ClientBinding binding = policy.bind(client, admission.rules());
        return new Bound(binding, client, cache == null ? null : cache.wrap(binding), admission);
    }

    /** A client's answers; {@link #binding()} exposes the engine's view (superuser status) to the admin endpoints. */
    public final class Bound implements ClientAccess {
        private final ClientBinding binding;
        private final ClientInfo client;
        private final CachedBinding cached;
        private final Admission admission;
        /** The allow of a superuser admission, or null. */
        private final Decision superuser;

        private Bound(ClientBinding binding, ClientInfo client, CachedBinding cached, Admission admission) {
            this.binding = binding;
            this.client = client;
            this.cached = cached;
            this.admission = Objects.requireNonNull(admission, "admission");
            this.superuser = admission.superuser() ? admission.superuserDecision() : null;
        }

        @Override
        public Admission admission() {
            return admission;
        }

        /** Whether the policy's superuser statement or the admitting authenticator made the client a superuser. */
        public boolean superuser() {
            return binding.superuser() || superuser != null;
        }

        /** The engine's binding of this client to the policy, without the cache. */
        public ClientBinding binding() {
            return binding;
        }

        @Override
        public ClientInfo client() {
            return client;
        }

        @Override
        public Decision connect() {
            return binding.connect();
        }

        @Override
        public Decision publish(String topic, int qos, boolean retain) {
            return AdmittedAccess.asAdmitted(cached == null ? binding.publish(topic, qos, retain) : cached.publish(topic, qos, retain), superuser);
        }

        @Override
        public Decision subscribe(String filter, int qos) {
            return AdmittedAccess.asAdmitted(cached == null ? binding.subscribe(filter, qos) : cached.subscribe(filter, qos), superuser);
        }

        @Override
        public Decision deliver(String topic, Subscription subscription) {
            return AdmittedAccess.asAdmitted(cached == null ? binding.deliver(topic, subscription) : cached.deliver(topic, subscription), superuser);
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
}
