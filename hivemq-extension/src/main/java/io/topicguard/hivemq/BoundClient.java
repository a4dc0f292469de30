package io.topicguard.hivemq;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Subscription;
import org.jspecify.annotations.Nullable;

/**
 * A client's answers under one policy, with what the chain said applied: the engine's binding
 * (made with the client's carried rules), and, when the admitting source made the client a
 * superuser, an allow for every valid question, as the policy's {@code superuser} statement gives
 * (an invalid topic or filter stays {@code deny (invalid)}; connect, where bans apply, is the
 * policy's). Immutable; one per client and policy, so a classification made under it can be told
 * from one made under another policy by identity.
 */
final class BoundClient {

    private final ClientBinding binding;
    /** The allow of a superuser admission, or null. */
    private final @Nullable Decision superuser;

    BoundClient(Policy policy, ConnectedClient client) {
        this.binding = policy.bind(client.info(), client.admitted().rules());
        this.superuser = client.admitted().superuserDecision();
    }

    Policy policy() {
        return binding.policy();
    }

    Decision connect() {
        return binding.connect();
    }

    Decision publish(String topic, int qos, boolean retain) {
        return admitted(binding.publish(topic, qos, retain));
    }

    Decision subscribe(String filter, int qos) {
        return admitted(binding.subscribe(filter, qos));
    }

    Decision deliver(String topic, Subscription subscription) {
        return admitted(binding.deliver(topic, subscription));
    }

    private Decision admitted(Decision decision) {
        return superuser == null || decision.reason() == Reason.INVALID || decision.reason() == Reason.SUPERUSER ? decision : superuser;
    }
}
