package io.topicguard.hivemq;

import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Verdict;

import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * What the extension knows of one client from its CONNECT on: who it is, what the
 * authentication chain said about it ({@link Admitted}: carried rules, superuser, expiry), its
 * binding to the policy in force, and its subscriptions with their classification. HiveMQ calls the authorizer
 * and the interceptors of one client from several threads, so everything here is safe to share;
 * a binding made under an older policy is replaced on first use (a client that connected while a
 * reload ran is re-bound too).
 */
final class ConnectedClient {

    private final ClientInfo info;
    /** Tells this connection from a later one with the same client id (a session takeover). */
    private final long connection;
    /** Whether HiveMQ forgets the session when the connection ends (session expiry 0). */
    private final boolean sessionEndsWithConnection;
    private final Admitted admitted;
    private final Map<String, GrantedFilter> subscriptions;
    private volatile BoundClient binding;
    private volatile boolean connected = true;
    private volatile @Nullable Future<?> expiry;

    ConnectedClient(ClientInfo info, Admitted admitted, long connection, boolean sessionEndsWithConnection, Policy policy,
                    Map<String, GrantedFilter> keptSubscriptions) {
        this.info = info;
        this.admitted = admitted;
        this.connection = connection;
        this.sessionEndsWithConnection = sessionEndsWithConnection;
        this.binding = new BoundClient(policy, this);
        this.subscriptions = new ConcurrentHashMap<>(keptSubscriptions);
    }

    ClientInfo info() {
        return info;
    }

    Admitted admitted() {
        return admitted;
    }

    /** Whether this connection is still open (a persistent session's client is kept after its connection ends). */
    boolean connected() {
        return connected;
    }

    /** The disconnect scheduled for when the credentials expire ({@link CredentialExpiry}). */
    void expiresWith(Future<?> task) {
        expiry = task;
        if (!connected) {
            task.cancel(false); // the connection ended while the task was being scheduled
        }
    }

    /** The connection ended: nothing is left to expire. */
    void connectionEnded() {
        connected = false;
        Future<?> task = expiry;
        if (task != null) {
            task.cancel(false);
        }
    }

    long connection() {
        return connection;
    }

    boolean sessionEndsWithConnection() {
        return sessionEndsWithConnection;
    }

    /** The client's binding to {@code current}, re-binding first (with its carried rules) when it was bound to another policy. */
    BoundClient binding(Policy current) {
        BoundClient b = binding;
        if (b.policy() != current) {
            b = new BoundClient(current, this);
            binding = b;
        }
        return b;
    }

    /** Records the classification of a subscription HiveMQ is about to grant (or a denied one: it delivers nothing). */
    void subscribed(GrantedFilter granted) {
        subscriptions.put(granted.filter(), granted);
    }

    void unsubscribed(String filter) {
        subscriptions.remove(filter);
    }

    Map<String, GrantedFilter> subscriptions() {
        return subscriptions;
    }

    /**
     * Re-classifies every subscription under {@code current} (after a reload): a subscription the
     * new policy revokes stops delivering at once. Returns the connect decision under the new
     * policy, so the caller can disconnect a client a new ban matches.
     */
    Decision rebind(Policy current) {
        BoundClient b = binding(current);
        subscriptions.replaceAll((filter, granted) -> granted.reclassify(b));
        return b.connect();
    }

    /**
     * May a message on {@code topic} go out to this client? Only when some subscription of the
     * client matching the topic is ALLOW, or PARTIAL and the delivery check allows the topic
     * through it. Returns the decision that withheld it, or null to let it out.
     */
    @Nullable Decision withheld(String topic, Policy current) {
        BoundClient b = binding(current);
        String[] levels = TopicMatch.levels(topic);
        boolean dollar = topic.startsWith("$");
        Decision last = Enforcement.NO_SUBSCRIPTION;
        for (GrantedFilter granted : subscriptions.values()) {
            if (!TopicMatch.matches(granted.levels(), levels, dollar)) {
                continue;
            }
            if (granted.boundBy() != b) {
                // Classified under an older policy (a subscribe that raced a reload): classify again.
                granted = granted.reclassify(b);
                subscriptions.replace(granted.filter(), granted);
            }
            if (granted.verdict() == Verdict.ALLOW) {
                return null;
            }
            if (granted.verdict() == Verdict.PARTIAL) {
                Decision delivery = b.deliver(topic, granted);
                if (delivery.allowed()) {
                    return null;
                }
                last = delivery;
            }
        }
        return last;
    }
}
