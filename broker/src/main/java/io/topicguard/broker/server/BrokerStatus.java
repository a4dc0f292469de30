package io.topicguard.broker.server;

import io.topicguard.auth.reload.PolicyStatus;

/**
 * A broker's state at one moment: what it enforces and who is connected. Immutable; taken by
 * {@link Broker#status()}.
 *
 * @param policy               what is in force and how reloads went
 * @param connectedClients     sessions with an accepted network connection now
 * @param sessions             sessions held, connected or persistent and away
 * @param allowSubscriptions   subscriptions the policy allows outright (delivered unchecked)
 * @param partialSubscriptions subscriptions the policy allows in part (each delivery checked)
 */
public record BrokerStatus(PolicyStatus policy, long connectedClients, long sessions, long allowSubscriptions, long partialSubscriptions) {
}
