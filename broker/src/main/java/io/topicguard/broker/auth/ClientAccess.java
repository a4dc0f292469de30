package io.topicguard.broker.auth;

import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Subscription;

/**
 * One connected client's answers (docs/semantics.md), plus the two policy settings that tell the broker
 * what to do with a denial (docs/language.md; docs/semantics.md, In the broker). Thread-safe: deliveries are checked from any
 * publisher's event loop.
 */
public interface ClientAccess {

    ClientInfo client();

    /** How the authentication chain let the client in; a re-bind after a reload keeps it. */
    default Admission admission() {
        return Admission.NONE;
    }

    /** docs/semantics.md, Connect. */
    Decision connect();

    /** docs/semantics.md, Publish. */
    Decision publish(String topic, int qos, boolean retain);

    /** docs/semantics.md, Subscribe: ALLOW, DENY or PARTIAL for the filter as subscribed ({@code $share/} included). */
    Decision subscribe(String filter, int qos);

    /** docs/semantics.md, Subscribe: may a message on {@code topic} go out through {@code subscription}? */
    Decision deliver(String topic, Subscription subscription);

    /** {@code on deny disconnect}: a denied publish or subscribe closes the connection. */
    boolean disconnectOnDeny();

    /** {@code partial deny}: a PARTIAL subscription is refused instead of filtered per delivery. */
    boolean refusePartialSubscriptions();
}
