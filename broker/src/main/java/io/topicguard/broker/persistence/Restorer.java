package io.topicguard.broker.persistence;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.delivery.PolicyReload;
import io.topicguard.broker.routing.Message;
import io.topicguard.broker.routing.MessageExpiry;
import io.topicguard.broker.routing.RetainedStore;
import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.routing.SubscriptionTree;
import io.topicguard.broker.session.OutboundMessage;
import io.topicguard.broker.session.Session;
import io.topicguard.broker.session.SessionRegistry;
import io.topicguard.broker.session.Will;
import io.topicguard.engine.ClientInfo;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the store into a starting broker, before its listeners accept anyone: retained messages
 * into the retained tree, persistent sessions into the registry. The policy in force now decides,
 * not the one the state was built under: each restored subscription starts checked on every
 * delivery and is classified again (a denied one is removed), and queued messages no remaining
 * subscription may deliver are dropped, exactly as after a reload. Deadlines are instants: what
 * expired while the broker was down (a session, a queued or retained message) is dropped from the
 * store, and a will whose time came is sent now.
 */
public final class Restorer {

    private static final Logger LOG = LoggerFactory.getLogger(Restorer.class);

    private Restorer() {
    }

    /** What the store put back. */
    public record Restored(int retained, int sessions, int messages) {
    }

    /**
     * Puts back what {@code store} holds.
     *
     * @throws IOException naming the file when a record or a page of the store cannot be read
     */
    public static Restored restore(MvStorePersistence store, RetainedStore retained, SessionRegistry sessions, SubscriptionTree tree,
                                   AccessControl inForce) throws IOException {
        try {
            // One pinned version for the whole walk: it takes seconds on a large store, long enough for
            // MVStore's background compaction to free the chunks an open iterator has yet to read.
            return store.reading(() -> restoreAll(store, retained, sessions, tree, inForce));
        } catch (MVStoreException | CorruptStoreException e) {
            // Like a store that cannot be opened: one line naming the file, and the file kept as it is.
            throw new IOException("cannot restore the store " + store.file() + ": " + e.getMessage()
                    + " (the file is left as it is: move it away to start with an empty store)", e);
        }
    }

    private static Restored restoreAll(MvStorePersistence store, RetainedStore retained, SessionRegistry sessions, SubscriptionTree tree,
                                       AccessControl inForce) {
        long now = System.currentTimeMillis();
        int retainedCount = 0;
        int refused = 0;
        List<String> expiredRetained = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : store.retained.entrySet()) {
            Message m = Codec.message(e.getValue());
            if (MessageExpiry.expired(m.expiresAt(), now)) {
                expiredRetained.add(e.getKey()); // expired while the broker was down
            } else if (retained.update(m) == null) {
                retainedCount++;
            } else {
                refused++;
            }
        }
        expiredRetained.forEach(store.retained::remove);
        if (refused > 0) {
            LOG.warn("{} retained messages from the store exceed the retained limits and were not loaded", refused);
        }
        int sessionCount = 0;
        int messageCount = 0;
        List<String> expiredMessages = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        List<Runnable> wills = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : store.sessions.entrySet()) {
            String clientId = e.getKey();
            Codec.SessionRecord r = Codec.session(e.getValue());
            // A session whose client was connected at the crash starts its expiry now.
            long since = r.disconnectedAt() < 0 ? 0 : Math.max(0, (now - r.disconnectedAt()) / 1000);
            long remaining = r.expirySeconds() == SessionRegistry.NEVER_EXPIRES ? r.expirySeconds() : r.expirySeconds() - since;
            ClientInfo owner = new ClientInfo(clientId, r.username(), null, r.commonName(), r.listener());
            byte[] will = store.wills.get(clientId);
            if (r.expirySeconds() == 0 || remaining <= 0) {
                expired.add(clientId);
                if (will != null) {
                    // The session ended while the broker was down: its will is due (MQTT 5.0 §3.1.3.2.2), authorized when sent.
                    Will w = Codec.will(will).boundTo(inForce.bind(owner));
                    wills.add(() -> sessions.sendWillOfEndedSession(w));
                }
                continue;
            }
            ClientAccess access = inForce.bind(owner);
            Session session = sessions.restore(clientId, access, r.expirySeconds(), remaining);
            store.range(store.subscriptions, clientId, (k, v) -> {
                Subscription s = Codec.subscription(clientId, v);
                session.putSubscription(s);
                tree.add(s);
            });
            Map<OutboundMessage, String> keys = new IdentityHashMap<>();
            store.range(store.messages, clientId, (k, v) -> {
                OutboundMessage m = Codec.outbound(v);
                Integer packetId = store.inflight.get(k);
                if (packetId == null && MessageExpiry.expired(m.expiresAt(), now)) {
                    expiredMessages.add(k); // queued, and expired while the broker was down (MQTT-3.3.2-5)
                    return;
                }
                session.restore(m, packetId == null ? 0 : Math.abs(packetId), packetId != null && packetId < 0);
                keys.put(m, k);
            });
            store.range(store.incoming, clientId, (k, packetId) -> session.restoreIncomingQos2(packetId));
            messageCount += keys.size();
            session.store(store.restored(clientId, keys));
            if (will != null) {
                Codec.PendingWill w = Codec.will(will);
                wills.add(() -> sessions.restoreWill(session, w.boundTo(access), w.deadline()));
            }
            // Classified by the policy in force now; what it refuses is removed from the store too.
            PolicyReload.rebind(session, access, tree);
            sessionCount++;
        }
        // Wills last, once every session and subscription is back: a will that is due reaches the sessions subscribed to it.
        wills.forEach(Runnable::run);
        expired.forEach(store::forget);
        expiredMessages.forEach(store.messages::remove);
        LOG.info("restored {} retained messages, {} sessions holding {} messages ({} sessions, {} queued and {} retained messages had expired)",
                retainedCount, sessionCount, messageCount, expired.size(), expiredMessages.size(), expiredRetained.size());
        return new Restored(retainedCount, sessionCount, messageCount);
    }
}
