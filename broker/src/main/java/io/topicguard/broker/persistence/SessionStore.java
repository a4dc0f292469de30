package io.topicguard.broker.persistence;

import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.session.OutboundMessage;
import io.topicguard.broker.session.Will;
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

    /**
     * The client left and its will waits until {@code deadline} (epoch millis): its Will Delay
     * Interval or the session's end, whichever comes first. One will per session at most.
     */
    default void willPending(Will will, long deadline) {
    }

    /** The waiting will was sent, or cancelled because the client came back. */
    default void willGone() {
    }

    /** An incoming QoS 2 PUBLISH with {@code packetId} was routed and waits for PUBREL: a resend of it is not routed again. */
    default void incomingQos2(int packetId) {
    }

    /** The PUBREL of {@code packetId} came: the exchange is complete. */
    default void incomingQos2Released(int packetId) {
    }

    /** The session ended: everything it held goes. */
    default void ended() {
    }
}
