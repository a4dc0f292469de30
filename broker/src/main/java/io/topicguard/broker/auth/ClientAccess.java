package io.topicguard.broker.auth;

import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Subscription;

/**
 * One connected client's answers (DESIGN.md §4), plus the two policy settings that tell the broker
 * what to do with a denial (DESIGN.md §2, §5). Thread-safe: deliveries are checked from any
 * publisher's event loop.
 */
public interface ClientAccess {

    ClientInfo client();

    /** DESIGN.md §4.1. */
    Decision connect();

    /** DESIGN.md §4.2. */
    Decision publish(String topic, int qos, boolean retain);

    /** DESIGN.md §4.3: ALLOW, DENY or PARTIAL for the filter as subscribed ({@code $share/} included). */
    Decision subscribe(String filter, int qos);

    /** DESIGN.md §4.3: may a message on {@code topic} go out through {@code subscription}? */
    Decision deliver(String topic, Subscription subscription);

    /** {@code on deny disconnect}: a denied publish or subscribe closes the connection. */
    boolean disconnectOnDeny();

    /** {@code partial deny}: a PARTIAL subscription is refused instead of filtered per delivery. */
    boolean refusePartialSubscriptions();
}
