package io.topicguard.broker.auth;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.OnDeny;
import io.topicguard.engine.OnPartial;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Subscription;

import java.util.Objects;

/** {@link AccessControl} over a compiled {@link Policy}: every answer comes from the engine. */
final class PolicyAccessControl implements AccessControl {

    private final Policy policy;
    private final boolean disconnectOnDeny;
    private final boolean refusePartial;

    PolicyAccessControl(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.disconnectOnDeny = policy.onDeny() == OnDeny.DISCONNECT;
        this.refusePartial = policy.onPartial() == OnPartial.DENY;
    }

    @Override
    public ClientAccess bind(ClientInfo client) {
        return new Bound(policy.bind(client), client);
    }

    private final class Bound implements ClientAccess {
        private final ClientBinding binding;
        private final ClientInfo client;

        Bound(ClientBinding binding, ClientInfo client) {
            this.binding = binding;
            this.client = client;
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
            return binding.publish(topic, qos, retain);
        }

        @Override
        public Decision subscribe(String filter, int qos) {
            return binding.subscribe(filter, qos);
        }

        @Override
        public Decision deliver(String topic, Subscription subscription) {
            return binding.deliver(topic, subscription);
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
