package io.topicguard.hivemq;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Verdict;

import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the extension knows of one client from its CONNECT on: who it is, its binding to the
 * policy in force, and its subscriptions with their classification. HiveMQ calls the authorizer
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
    private final Map<String, GrantedFilter> subscriptions;
    private volatile ClientBinding binding;

    ConnectedClient(ClientInfo info, long connection, boolean sessionEndsWithConnection, ClientBinding binding,
                    Map<String, GrantedFilter> keptSubscriptions) {
        this.info = info;
        this.connection = connection;
        this.sessionEndsWithConnection = sessionEndsWithConnection;
        this.binding = binding;
        this.subscriptions = new ConcurrentHashMap<>(keptSubscriptions);
    }

    ClientInfo info() {
        return info;
    }

    long connection() {
        return connection;
    }

    boolean sessionEndsWithConnection() {
        return sessionEndsWithConnection;
    }

    /** The client's binding to {@code current}, re-binding first when it was bound to another policy. */
    ClientBinding binding(Policy current) {
        ClientBinding b = binding;
        if (b.policy() != current) {
            b = current.bind(info);
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
        ClientBinding b = binding(current);
        subscriptions.replaceAll((filter, granted) -> granted.reclassify(b));
        return b.connect();
    }

    /**
     * May a message on {@code topic} go out to this client? Only when some subscription of the
     * client matching the topic is ALLOW, or PARTIAL and the delivery check allows the topic
     * through it. Returns the decision that withheld it, or null to let it out.
     */
    @Nullable Decision withheld(String topic, Policy current) {
        ClientBinding b = binding(current);
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
