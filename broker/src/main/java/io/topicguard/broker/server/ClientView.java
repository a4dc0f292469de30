package io.topicguard.broker.server;

import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.engine.ClientInfo;

import java.util.List;

/**
 * One client's session as the broker holds it at one moment, read-only: who the policy sees, its
 * binding, and its subscriptions with the classification the policy gave them. Immutable; taken by
 * {@link Broker#client(String)}.
 *
 * @param client         the attributes the policy sees (client id, username, address, certificate CN, listener)
 * @param connected      whether a network connection is attached now
 * @param access         the client's current binding to the policy (answers as the broker would, counted if metered)
 * @param subscriptions  the subscriptions held, sorted by filter
 * @param queuedMessages messages queued for the client while it is away or slow
 */
public record ClientView(ClientInfo client, boolean connected, ClientAccess access, List<Subscribed> subscriptions, int queuedMessages) {

    public ClientView {
        subscriptions = List.copyOf(subscriptions);
    }

    /**
     * One subscription held.
     *
     * @param filter             as the client sent it (with {@code $share/GROUP/} when shared)
     * @param qos                the maximum QoS granted
     * @param checkedPerDelivery true when the policy allowed it in part (PARTIAL), so each delivery is checked
     */
    public record Subscribed(String filter, int qos, boolean checkedPerDelivery) {
    }
}
