package io.topicguard.broker.persistence;

import io.topicguard.broker.routing.Message;

/**
 * Where the broker keeps what must outlive it: retained messages and persistent sessions. The
 * broker calls these hooks as its state changes; {@link #NONE} keeps nothing (memory only, the
 * broker without a data directory), so the hooks cost a virtual call and change no behaviour.
 */
public interface Persistence extends AutoCloseable {

    /** Memory only: nothing is written, acknowledgements go out at once. */
    Persistence NONE = new Persistence() {
        @Override
        public void afterCommit(Runnable acknowledge) {
            acknowledge.run();
        }

        @Override
        public void retained(Message m) {
        }

        @Override
        public SessionStore session(String clientId) {
            return SessionStore.NONE;
        }

        @Override
        public void close() {
        }
    };

    /**
     * Runs {@code acknowledge} once everything written so far is committed: a QoS 1/2 PUBLISH is
     * acknowledged only then. Runs on the committing thread (or at once for {@link #NONE}), so it
     * must be quick.
     */
    void afterCommit(Runnable acknowledge);

    /** The retained message of {@code m}'s topic changed: stored, or cleared by an empty payload. */
    void retained(Message m);

    /**
     * The retained message of {@code topic} expired and left memory: it leaves the store too.
     * Called under the same lock as {@link #retained}, so a newer message on the topic is not taken with it.
     */
    default void retainedExpired(String topic) {
    }

    /** The hooks of a new persistent session of {@code clientId}. */
    SessionStore session(String clientId);

    @Override
    void close();
}
