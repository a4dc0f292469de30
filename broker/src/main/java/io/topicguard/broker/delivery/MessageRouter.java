package io.topicguard.broker.delivery;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.auth.DenialLog;
import io.topicguard.broker.log.LimitEvents;
import io.topicguard.broker.log.LogThrottle;
import io.topicguard.broker.persistence.Persistence;
import io.topicguard.broker.routing.Message;
import io.topicguard.broker.routing.MessageExpiry;
import io.topicguard.broker.routing.RetainedStore;
import io.topicguard.broker.routing.SharedGroup;
import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.routing.SubscriptionTree;
import io.topicguard.broker.session.OutboundMessage;
import io.topicguard.broker.session.Session;
import io.topicguard.broker.session.SessionRegistry;
import io.topicguard.broker.session.SharedFrames;
import io.topicguard.broker.session.Will;
import io.topicguard.engine.Decision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers publications to the sessions whose subscriptions match, enforcing the policy on the way
 * out. This is the one place where the leak invariant of docs/semantics.md, Deliver is kept for live messages,
 * shared subscriptions, retained messages and wills alike: a subscription the policy called
 * PARTIAL is asked {@code deliver} for every message; one it called ALLOW needs no check; a denied
 * one was never added. Thread-safe.
 */
public final class MessageRouter {

    private static final int[] NO_IDS = {};

    private final SubscriptionTree tree;
    private final RetainedStore retained;
    private final SessionRegistry sessions;
    private final LogThrottle denials;
    private final Persistence persistence;

    /** @param denials rate-limits the lines of denied wills (a client can reconnect again and again) */
    public MessageRouter(SubscriptionTree tree, RetainedStore retained, SessionRegistry sessions, LogThrottle denials) {
        this(tree, retained, sessions, denials, Persistence.NONE);
    }

    /** @param persistence where retained messages are written through, and whose commits acknowledgements wait for */
    public MessageRouter(SubscriptionTree tree, RetainedStore retained, SessionRegistry sessions, LogThrottle denials, Persistence persistence) {
        this.persistence = persistence;
        this.tree = tree;
        this.retained = retained;
        this.sessions = sessions;
        this.denials = denials;
    }

    /**
     * Routes an authorized publication: updates the retained store, then delivers. Returns null
     * when it was routed, or the limit that stopped it: a retained-store limit (nothing was
     * stored or delivered), or {@link LimitEvents.Limit#QUEUED_MESSAGES} when it matched
     * subscribers but every one of their queues was full (each drop is counted by its session).
     */
    public LimitEvents.Limit publish(Message m) {
        if (m.retain()) {
            // One lock for memory and store, so concurrent publishers to one topic leave both with the same last message.
            synchronized (retained) {
                LimitEvents.Limit refused = retained.update(m);
                if (refused != null) {
                    return refused;
                }
                persistence.retained(m);
            }
        }
        SubscriptionTree.Matches matches = tree.match(m.topic());
        if (matches.isEmpty()) {
            return null;
        }
        List<Subscription> matched = matches.subscriptions();
        // Several subscribers may share one encoded packet; one has nobody to share it with.
        Delivered delivered = new Delivered(matched.size() > 1 ? new SharedFrames() : null);
        try {
            if (matches.onePerClient()) {
                // The common cases, one subscriber or many on one filter: nothing to group.
                for (int i = 0; i < matched.size(); i++) {
                    Session session = sessions.get(matched.get(i).clientId());
                    if (session != null) {
                        deliverOnce(session, matched, i, i + 1, m, delivered);
                    }
                }
            } else if (!matched.isEmpty()) {
                // Overlapping subscriptions of one client get one copy (MQTT 5.0 §4.8.1 allows one per subscription; one is what clients expect).
                Map<String, List<Subscription>> byClient = new LinkedHashMap<>();
                for (Subscription s : matched) {
                    byClient.computeIfAbsent(s.clientId(), k -> new ArrayList<>(2)).add(s);
                }
                for (Map.Entry<String, List<Subscription>> e : byClient.entrySet()) {
                    Session session = sessions.get(e.getKey());
                    if (session != null) {
                        deliverOnce(session, e.getValue(), m, delivered);
                    }
                }
            }
            for (SharedGroup group : matches.groups()) {
                deliverToOneMember(group, m, delivered);
            }
        } finally {
            if (delivered.frames != null) {
                delivered.frames.close();
            }
        }
        return delivered.accepted == 0 && delivered.dropped > 0 ? LimitEvents.Limit.QUEUED_MESSAGES : null;
    }

    /** How many sessions took a publication and how many had to drop it (queue full); the packets they share. */
    private static final class Delivered {
        final SharedFrames frames;
        int accepted;
        int dropped;

        Delivered(SharedFrames frames) {
            this.frames = frames;
        }

        void count(boolean taken) {
            if (taken) {
                accepted++;
            } else {
                dropped++;
            }
        }
    }

    /**
     * Runs {@code acknowledge} once what routing wrote so far (retained message, messages queued
     * for persistent sessions) is committed; at once without a store.
     */
    public void afterCommit(Runnable acknowledge) {
        persistence.afterCommit(acknowledge);
    }

    /**
     * Publishes a will when its time comes (docs/semantics.md, In the broker): authorized when it is
     * sent, by the policy in force then. The client is bound again to {@code inForce} rather than
     * trusting the binding the will carries, so no reload can race it: a client that policy bans
     * has no will published, and a publish it denies drops the will; either is logged.
     */
    public void publishWill(Will will, AccessControl inForce) {
        ClientAccess access = inForce.bind(will.access().client());
        Decision connect = access.connect();
        Decision d = connect.allowed() ? access.publish(will.topic(), will.qos(), will.retain()) : connect;
        if (!d.allowed()) {
            if (denials.allow(null, access.client().address())) {
                DenialLog.denied(access.client(), "will", will.topic(), d);
            }
            return;
        }
        publish(new Message(will.topic(), will.payload(), will.qos(), will.retain(), will.properties(), access.client().clientId()));
    }

    /** Clears an expired retained message from memory and from the store, under the lock {@link #publish} holds for both. */
    private void removeExpired(Message expired) {
        synchronized (retained) {
            if (retained.removeExpired(expired)) {
                persistence.retainedExpired(expired.topic());
            }
        }
    }

    /**
     * The retained messages a new subscription receives (MQTT-3.3.1-9), filtered through the
     * policy exactly like live deliveries; sent with RETAIN set (MQTT-3.3.1-8).
     */
    public List<OutboundMessage> retainedFor(Session session, Subscription s) {
        List<OutboundMessage> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Message m : retained.matching(s.topicFilter())) {
            if (MessageExpiry.expired(m.expiresAt(), now)) {
                removeExpired(m); // MQTT 5.0 §3.3.2.3.3: an expired retained message is no longer sent to anyone
                continue;
            }
            if (s.checkEachDelivery() && !permitted(session, s, m.topic())) {
                continue;
            }
            int[] ids = s.subscriptionId() > 0 ? new int[] {s.subscriptionId()} : null;
            out.add(new OutboundMessage(m.topic(), m.payload(), Math.min(m.qos(), s.qos()), true, m.properties(), ids, m.expiresAt()));
        }
        return out;
    }

    private void deliverOnce(Session session, List<Subscription> matched, Message m, Delivered delivered) {
        deliverOnce(session, matched, 0, matched.size(), m, delivered);
    }

    /** One copy of {@code m} to {@code session}, for its subscriptions {@code matched[from, to)}. */
    private void deliverOnce(Session session, List<Subscription> matched, int from, int to, Message m, Delivered delivered) {
        int qos = -1;
        boolean retainFlag = false;
        int[] ids = null; // subscription identifiers are MQTT 5 and rare: allocated when one is found
        int idCount = 0;
        for (int i = from; i < to; i++) {
            Subscription s = live(session, matched.get(i));
            if (s == null) {
                continue;
            }
            if (s.noLocal() && s.clientId().equals(m.publisherId())) {
                continue; // MQTT-3.8.3-3
            }
            if (s.checkEachDelivery() && !permitted(session, s, m.topic())) {
                continue;
            }
            qos = Math.max(qos, s.qos());
            // Retain-as-published (MQTT-3.3.1-12/13): live messages go out with RETAIN 0 unless asked.
            retainFlag |= s.retainAsPublished() && m.retain();
            if (s.subscriptionId() > 0) {
                if (ids == null) {
                    ids = new int[to - from];
                }
                ids[idCount++] = s.subscriptionId();
            }
        }
        if (qos < 0) {
            return;
        }
        int outQos = Math.min(m.qos(), qos);
        // Only QoS 0 packets are shared (no packet identifier): nothing queued holds on to the frames.
        delivered.count(session.deliver(new OutboundMessage(m.topic(), m.payload(), outQos, retainFlag, m.properties(),
                ids == null ? NO_IDS : Arrays.copyOf(ids, idCount), m.expiresAt(), outQos == 0 ? delivered.frames : null)));
    }

    private void deliverToOneMember(SharedGroup group, Message m, Delivered delivered) {
        // Prefer a connected member; a persistent member that is away queues QoS 1/2 for later.
        Session fallback = null;
        Subscription fallbackSub = null;
        for (Subscription member : group.nextRotation()) {
            Session session = sessions.get(member.clientId());
            Subscription s = session == null ? null : live(session, member);
            if (s == null || (s.checkEachDelivery() && !permitted(session, s, m.topic()))) {
                continue;
            }
            if (session.connected()) {
                delivered.count(sendShared(session, s, m));
                return;
            }
            if (fallback == null) {
                fallback = session;
                fallbackSub = s;
            }
        }
        if (fallback != null && m.qos() > 0) {
            delivered.count(sendShared(fallback, fallbackSub, m));
        }
    }

    private static boolean sendShared(Session session, Subscription s, Message m) {
        int[] ids = s.subscriptionId() > 0 ? new int[] {s.subscriptionId()} : null;
        return session.deliver(new OutboundMessage(m.topic(), m.payload(), Math.min(m.qos(), s.qos()),
                s.retainAsPublished() && m.retain(), m.properties(), ids, m.expiresAt()));
    }

    /**
     * The subscription as {@code session} holds it now, or null when it holds none for that filter.
     * The tree is matched before the session is looked up by client id, so the match may be stale:
     * the subscription of a session that has since ended (a takeover by another identity, which
     * then holds the client id) or one a reload has re-classified since. Only the session's own,
     * current classification may decide a delivery (docs/semantics.md, Deliver).
     */
    private static Subscription live(Session session, Subscription matched) {
        Subscription current = session.subscription(matched.filter());
        return current != null && current.topicFilter().equals(matched.topicFilter()) ? current : null;
    }

    private static boolean permitted(Session session, Subscription s, String topic) {
        ClientAccess access = session.access();
        Decision d = access.deliver(topic, s);
        if (d.allowed()) {
            return true;
        }
        DenialLog.filtered(access.client(), s.filter(), topic, d);
        return false;
    }
}
