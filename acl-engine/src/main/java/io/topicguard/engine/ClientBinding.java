package io.topicguard.engine;

/**
 * One client's view of one {@link Policy}: answers its questions with a few hash lookups per topic
 * level. Immutable and thread-safe. Re-bind after a policy reload.
 */
public final class ClientBinding {

    ClientBinding() {
    }

    /** DESIGN.md §4.1: bans, then anonymous, then allow. */
    public Decision connect() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** DESIGN.md §4.2. An invalid topic name is {@code deny (invalid)}, never an exception. */
    public Decision publish(String topic, int qos, boolean retain) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * DESIGN.md §4.3: classifies a subscription as ALLOW, DENY or PARTIAL. {@code $share/GROUP/F}
     * is checked as F.
     */
    public Decision subscribe(String filter, int qos) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * DESIGN.md §4.3: may a message on {@code topic} be delivered through the subscription
     * {@code filter} (as subscribed, {@code $share/} prefix included) granted at {@code qos}?
     */
    public Decision deliver(String filter, int qos, String topic) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Whether a {@code superuser} statement matched this client. */
    public boolean superuser() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public ClientInfo client() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public Policy policy() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
