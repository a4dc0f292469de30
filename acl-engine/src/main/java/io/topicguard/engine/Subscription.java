package io.topicguard.engine;

import java.util.Objects;

/**
 * A subscription as the broker granted it: what {@link ClientBinding#deliver} checks a message
 * against. A broker creates one per subscription (or lets its own subscription type implement
 * this interface) and passes it with every delivery, so a check allocates nothing.
 * Implementations must be immutable.
 */
public interface Subscription {

    /** The filter as the client subscribed it, a {@code $share/GROUP/} prefix included. */
    String filter();

    /** The QoS granted for the subscription. */
    int qos();

    /** A subscription to {@code filter} granted at {@code qos}; checked (not here) when delivered. */
    static Subscription of(String filter, int qos) {
        return new GrantedSubscription(Objects.requireNonNull(filter, "filter"), qos);
    }
}
