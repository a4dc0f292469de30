package io.topicguard.broker.session;

import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.log.LimitEvents;
import io.topicguard.broker.persistence.SessionStore;
import io.topicguard.broker.routing.Subscription;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * The server side of one MQTT session: it outlives network connections when the client asked for
 * a persistent session. Holds the subscriptions, the QoS 1/2 messages sent but not yet
 * acknowledged (resent with DUP on reconnect, MQTT-4.4.0-1), the messages queued while the client
 * is away or its Receive Maximum is reached, and the packet ids of incoming QoS 2 messages
 * awaiting PUBREL.
 *
 * <p>Thread-safe: deliveries arrive from every publisher's event loop, acknowledgements from the
 * session's own; message state is guarded by {@code this}.
 */
public final class Session {

    private static final class Inflight {
        final OutboundMessage message;
        boolean released; // PUBREC received, PUBREL sent, waiting for PUBCOMP

        Inflight(OutboundMessage message) {
            this.message = message;
        }
    }

    private final String clientId;
    private final QueueLimits limits;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile ClientAccess access;

    private SessionOutput output;
    private final LinkedHashMap<Integer, Inflight> inflight = new LinkedHashMap<>();
    // Two slots to start, not the default sixteen: an idle session queues nothing, and it grows by doubling when one does.
    private final ArrayDeque<OutboundMessage> queue = new ArrayDeque<>(1);
    private long queuedBytes;
    private final Set<Integer> inboundQos2 = new HashSet<>();
    private int lastPacketId;
    private volatile SessionStore store = SessionStore.NONE;

    // Lifecycle state owned by SessionRegistry and guarded by it.
    SessionOutput owner;
    long expiryIntervalSeconds;
    ScheduledFuture<?> expiryTask;
    Will pendingWill;
    ScheduledFuture<?> willTask;
    boolean ended;

    Session(String clientId, QueueLimits limits) {
        this.clientId = clientId;
        this.limits = limits;
    }

    public String clientId() {
        return clientId;
    }

    /** The binding of the connection that last attached: deliveries through PARTIAL subscriptions are checked with it. */
    public ClientAccess access() {
        return access;
    }

    /** Where this session's state is kept beyond memory: {@link SessionStore#NONE} unless it is persistent and the broker has a store. */
    public SessionStore store() {
        return store;
    }

    /** Installs the store's hooks; what the session holds already is not written again (a restore). */
    public void store(SessionStore store) {
        this.store = store;
    }

    /**
     * The session ended: its stored state goes, and nothing is stored for it any more. Under the
     * session's lock, so a delivery racing the end cannot store a message after its range is gone.
     */
    synchronized void endStore() {
        store.ended();
        store = SessionStore.NONE;
    }

    /** Installs a new binding (attach, or a policy reload through {@code PolicyReload}). */
    public void access(ClientAccess access) {
        this.access = access;
    }

    // --- subscriptions ---------------------------------------------------------------------

    /** Adds or replaces the subscription with the same filter; returns the previous one or null. */
    public Subscription putSubscription(Subscription s) {
        Subscription previous = subscriptions.put(s.filter(), s);
        store().subscribed(s);
        return previous;
    }

    /** The subscription this session holds for {@code filter} ({@code $share/GROUP/} included), or null. */
    public Subscription subscription(String filter) {
        return subscriptions.get(filter);
    }

    public Subscription removeSubscription(String filter) {
        Subscription removed = subscriptions.remove(filter);
        if (removed != null) {
            store().unsubscribed(filter);
        }
        return removed;
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    public Collection<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    // --- outgoing messages -----------------------------------------------------------------

    /** Connects the session to a network connection and resends what was in flight (MQTT-4.4.0-1). */
    public synchronized void attach(SessionOutput out) {
        output = out;
        for (Iterator<Map.Entry<Integer, Inflight>> it = inflight.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Inflight> e = it.next();
            if (e.getValue().released) {
                out.sendPubrel(e.getKey());
            } else if (!out.sendPublish(e.getKey(), e.getValue().message, true)) {
                it.remove();
                store.removed(e.getValue().message);
            }
        }
        drain();
    }

    /** Whether a network connection is attached. */
    public synchronized boolean connected() {
        return output != null;
    }

    synchronized void detach(SessionOutput out) {
        if (output == out) {
            output = null;
        }
    }

    /**
     * Sends {@code m} now, or queues it: while the client is away (QoS 1 and 2 only, as a
     * disconnected session stores them, MQTT 5.0 §4.1) or while its Receive Maximum is in use.
     * Returns false when {@code m} was dropped because the queue is full and keeps what it holds
     * ({@link QueueLimits#dropOldest()} off); the drop is counted either way.
     */
    public synchronized boolean deliver(OutboundMessage m) {
        if (output == null) {
            return m.qos() == 0 || enqueue(m);
        }
        if (m.qos() == 0) {
            output.sendPublish(0, m, false);
            return true;
        }
        if (!queue.isEmpty() || inflight.size() >= output.receiveMaximum()) {
            return enqueue(m); // keep order behind what is already waiting (MQTT 5.0 §4.6)
        }
        store.added(m);
        send(m);
        return true;
    }

    private boolean enqueue(OutboundMessage m) {
        long weight = QueueLimits.weight(m);
        LimitEvents.Drop full;
        while ((full = fullFor(weight)) != null) {
            limits.events().dropped(full, clientId);
            if (!limits.dropOldest() || queue.isEmpty()) {
                return false;
            }
            OutboundMessage oldest = queue.poll();
            queuedBytes -= QueueLimits.weight(oldest);
            store.removed(oldest);
        }
        queue.add(m);
        queuedBytes += weight;
        store.added(m);
        return true;
    }

    /** Why one more message of {@code weight} bytes does not fit, or null when it does. */
    private LimitEvents.Drop fullFor(long weight) {
        if (queue.size() >= limits.messages()) {
            return LimitEvents.Drop.QUEUE_MESSAGES_FULL;
        }
        return queuedBytes + weight > limits.bytes() ? LimitEvents.Drop.QUEUE_BYTES_FULL : null;
    }

    private OutboundMessage dequeue() {
        OutboundMessage m = queue.poll();
        queuedBytes -= QueueLimits.weight(m);
        return m;
    }

    private void send(OutboundMessage m) {
        int id = nextPacketId();
        if (output.sendPublish(id, m, false)) {
            inflight.put(id, new Inflight(m));
            store.sent(m, id, false);
        } else {
            store.removed(m);
        }
    }

    private void drain() {
        while (output != null && !queue.isEmpty() && inflight.size() < output.receiveMaximum()) {
            OutboundMessage m = dequeue();
            if (m.qos() == 0) {
                output.sendPublish(0, m, false);
            } else {
                send(m);
            }
        }
    }

    private int nextPacketId() {
        // Packet ids are 1..65535 and must not be reused while in flight (MQTT-2.2.1-3).
        do {
            lastPacketId = lastPacketId == 0xFFFF ? 1 : lastPacketId + 1;
        } while (inflight.containsKey(lastPacketId));
        return lastPacketId;
    }

    /** PUBACK, or a PUBREC with an error reason code (MQTT 5): the message is done. */
    public synchronized void acknowledged(int packetId) {
        Inflight done = inflight.get(packetId);
        if (done != null && !done.released) {
            inflight.remove(packetId);
            store.removed(done.message);
            drain();
        }
    }

    /** PUBREC: returns whether the packet id was in flight (the caller answers PUBREL either way). */
    public synchronized boolean received(int packetId) {
        Inflight m = inflight.get(packetId);
        if (m == null) {
            return false;
        }
        m.released = true;
        store.sent(m.message, packetId, true);
        return true;
    }

    /** PUBCOMP: the QoS 2 exchange is complete. */
    public synchronized void completed(int packetId) {
        Inflight done = inflight.get(packetId);
        if (done != null && done.released) {
            inflight.remove(packetId);
            store.removed(done.message);
            drain();
        }
    }

    /** Drops queued (not yet sent) messages that fail {@code keep}; returns how many were dropped. */
    public synchronized int dropQueuedUnless(java.util.function.Predicate<OutboundMessage> keep) {
        int before = queue.size();
        queue.removeIf(m -> {
            if (keep.test(m)) {
                return false;
            }
            store.removed(m);
            return true;
        });
        queuedBytes = queue.stream().mapToLong(QueueLimits::weight).sum();
        return before - queue.size();
    }

    /**
     * Drops in-flight messages not yet acknowledged that fail {@code keep}, so that a reconnect does
     * not resend them (MQTT-4.4.0-1 yields to docs/semantics.md, Subscribe: nothing the client may no longer read
     * reaches it). Messages whose PUBREC came back were received already and are kept for PUBREL.
     * Returns how many were dropped.
     */
    public synchronized int dropInflightUnless(java.util.function.Predicate<OutboundMessage> keep) {
        int before = inflight.size();
        inflight.values().removeIf(m -> {
            if (m.released || keep.test(m.message)) {
                return false;
            }
            store.removed(m.message);
            return true;
        });
        int dropped = before - inflight.size();
        if (dropped > 0) {
            drain();
        }
        return dropped;
    }

    /**
     * Puts back a message read from the store at start: one that went out with {@code packetId}
     * is in flight again (resent with DUP, or answered with PUBREL when {@code released}, on the
     * next attach); one with packet id 0 is queued. Limits do not apply: it was accepted before.
     */
    public synchronized void restore(OutboundMessage m, int packetId, boolean released) {
        if (packetId == 0) {
            queue.add(m);
            queuedBytes += QueueLimits.weight(m);
            return;
        }
        Inflight entry = new Inflight(m);
        entry.released = released;
        inflight.put(packetId, entry);
        lastPacketId = Math.max(lastPacketId, packetId);
    }

    /** Number of messages queued and not yet sent, for tests and metrics. */
    public synchronized int queuedCount() {
        return queue.size();
    }

    /** Number of messages sent and not yet fully acknowledged, for tests and metrics. */
    public synchronized int inflightCount() {
        return inflight.size();
    }

    // --- incoming QoS 2 --------------------------------------------------------------------

    /**
     * Remembers an incoming QoS 2 packet id until PUBREL; false when it was already there (a resend,
     * MQTT-4.3.3-9). Stored with the session, so a resend after a restart is not routed twice; the
     * PUBREC waits for the commit that holds it.
     */
    public synchronized boolean startIncomingQos2(int packetId) {
        boolean added = inboundQos2.add(packetId);
        if (added) {
            store.incomingQos2(packetId);
        }
        return added;
    }

    /** Puts back an incoming QoS 2 packet id read from the store at start. */
    public synchronized void restoreIncomingQos2(int packetId) {
        inboundQos2.add(packetId);
    }

    public synchronized boolean pendingIncomingQos2(int packetId) {
        return inboundQos2.contains(packetId);
    }

    /** PUBREL: forgets the packet id; returns whether it was known. */
    public synchronized boolean releaseIncomingQos2(int packetId) {
        boolean known = inboundQos2.remove(packetId);
        if (known) {
            store.incomingQos2Released(packetId);
        }
        return known;
    }

    /** Bytes queued and not yet sent ({@link QueueLimits#weight}), for tests and metrics. */
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    synchronized void clear() {
        queue.clear();
        queuedBytes = 0;
        inflight.clear();
        inboundQos2.clear();
        subscriptions.clear();
        output = null;
    }

    @Override
    public String toString() {
        return "Session[" + clientId + "]";
    }
}
