package io.topicguard.broker.persistence;

import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.session.OutboundMessage;
import io.topicguard.engine.ClientInfo;

/**
 * The hooks of one persistent session. Only QoS 1/2 messages are kept; {@link #NONE} (clean
 * sessions, memory-only brokers) keeps nothing. Called under the session's lock, so each call must
 * only write into the store, never wait for a commit.
 */
public interface SessionStore {

    SessionStore NONE = new SessionStore() {
    };

    /** Who owns the session and how long it outlives its connection; {@code disconnectedAt} is epoch millis, or -1 while connected. */
    default void saved(ClientInfo owner, long expirySeconds, long disconnectedAt) {
    }

    default void subscribed(Subscription s) {
    }

    default void unsubscribed(String filter) {
    }

    /** A QoS 1/2 message is now the session's to deliver (queued or sent). */
    default void added(OutboundMessage m) {
    }

    /** {@code m} went out with {@code packetId}; {@code released} once its PUBREC came back (QoS 2). */
    default void sent(OutboundMessage m, int packetId, boolean released) {
    }

    /** {@code m} is done: acknowledged, dropped by a limit or by the policy. */
    default void removed(OutboundMessage m) {
    }

    /** The session ended: everything it held goes. */
    default void ended() {
    }
}
