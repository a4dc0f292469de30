package io.topicguard.engine.cache;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Subscription;

/**
 * A {@link ClientBinding} whose publish, subscribe and deliver answers go through a
 * {@link DecisionCache}. Same answers as the binding, by construction: a miss asks the binding and
 * stores its immutable {@link Decision}. Thread-safe.
 */
public final class CachedBinding {

    private final DecisionCache cache;
    private final ClientBinding binding;
    private final long id;

    CachedBinding(DecisionCache cache, ClientBinding binding, long id) {
        this.cache = cache;
        this.binding = binding;
        this.id = id;
    }

    /** The wrapped binding (connect questions, superuser status, the policy). */
    public ClientBinding binding() {
        return binding;
    }

    /** Not cached: bans are compared with the clock when asked (docs/semantics.md, Superusers and bans). */
    public Decision connect() {
        return binding.connect();
    }

    public Decision publish(String topic, int qos, boolean retain) {
        Decision cached = cache.find(id, 'p', topic, null, qos, retain);
        return cached != null ? cached : cache.store(id, 'p', topic, null, qos, retain, binding.publish(topic, qos, retain));
    }

    public Decision subscribe(String filter, int qos) {
        Decision cached = cache.find(id, 's', filter, null, qos, false);
        return cached != null ? cached : cache.store(id, 's', filter, null, qos, false, binding.subscribe(filter, qos));
    }

    public Decision deliver(String topic, Subscription subscription) {
        String filter = subscription.filter();
        Decision cached = cache.find(id, 'd', filter, topic, subscription.qos(), false);
        return cached != null ? cached
                : cache.store(id, 'd', filter, topic, subscription.qos(), false, binding.deliver(topic, subscription));
    }

    @Override
    public String toString() {
        return "CachedBinding[" + binding + "]";
    }
}
