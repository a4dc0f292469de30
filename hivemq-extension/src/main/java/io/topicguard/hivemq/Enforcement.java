package io.topicguard.hivemq;

import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.OnPartial;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Verdict;
import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The extension's state: the policy in force and every client it admitted, by client id. The
 * authenticator adds clients, the authorizer and the interceptors read them, the lifecycle
 * listener removes them, and a reload swaps the policy and re-binds them all.
 */
final class Enforcement {

    /** The decision reported when a message matched no subscription the extension knows of: withheld. */
    static final Decision NO_SUBSCRIPTION = new Decision(Verdict.DENY, Reason.DEFAULT, null, null);

    private final Map<String, ConnectedClient> clients = new ConcurrentHashMap<>();
    private final AtomicLong connections = new AtomicLong();
    private final Denials denials;
    private final DecisionCounts counts = new DecisionCounts(clients::size);
    private volatile Policy policy;

    Enforcement(Policy policy, Denials denials) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.denials = Objects.requireNonNull(denials, "denials");
    }

    Policy policy() {
        return policy;
    }

    Denials denials() {
        return denials;
    }

    DecisionCounts counts() {
        return counts;
    }

    /**
     * How a subscribe decision is kept: PARTIAL becomes DENY under {@code partial deny}, since
     * the subscription is then refused.
     */
    static Verdict grant(Decision decision, BoundClient binding) {
        if (decision.verdict() == Verdict.PARTIAL && binding.policy().onPartial() == OnPartial.DENY) {
            return Verdict.DENY;
        }
        return decision.verdict();
    }

    /**
     * Admits a client the authenticator let in, bound to the policy in force with what the chain
     * said about it ({@code admitted}). A client that resumes its session (clean start
     * false) keeps the subscriptions the extension knew for it: HiveMQ keeps them too.
     */
    ConnectedClient admit(ClientInfo info, Admitted admitted, boolean cleanStart, boolean sessionEndsWithConnection) {
        ConnectedClient previous = clients.get(info.clientId());
        Map<String, GrantedFilter> kept = cleanStart || previous == null ? Map.of() : previous.subscriptions();
        ConnectedClient client = new ConnectedClient(info, admitted, connections.incrementAndGet(), sessionEndsWithConnection, policy, kept);
        clients.put(info.clientId(), client);
        return client;
    }

    @Nullable ConnectedClient client(String clientId) {
        return clients.get(clientId);
    }

    /** Forgets a client whose connection ended, unless a newer connection already took its client id over. */
    void disconnected(String clientId, long connection) {
        clients.computeIfPresent(clientId, (id, client) -> {
            if (client.connection() != connection) {
                return client;
            }
            client.connectionEnded();
            return client.sessionEndsWithConnection() ? null : client;
        });
    }

    Collection<ConnectedClient> clients() {
        return clients.values();
    }

    /**
     * Puts {@code next} in force: every client is re-bound and its subscriptions re-classified;
     * {@code banned} is told of each client the new policy no longer admits (a new ban).
     */
    void swap(Policy next, BiConsumer<ConnectedClient, Decision> banned) {
        policy = Objects.requireNonNull(next, "next");
        for (ConnectedClient client : clients.values()) {
            Decision connect = client.rebind(next);
            if (!connect.allowed()) {
                banned.accept(client, connect);
            }
        }
    }

    /** The connected clients whose username is one of {@code usernames} (a password changed or was removed). */
    Collection<ConnectedClient> withUsernames(Set<String> usernames) {
        return clients.values().stream().filter(c -> c.info().username() != null && usernames.contains(c.info().username())).toList();
    }
}
