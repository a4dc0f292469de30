package io.topicguard.broker.server;

import io.topicguard.broker.routing.SubscriptionTree;

/** For tests in other packages that must see or plant what no client can (e.g. what a race leaves behind). */
public final class BrokerInternals {

    private BrokerInternals() {
    }

    /** The broker's subscription tree, as the router matches it. */
    public static SubscriptionTree subscriptions(Broker broker) {
        return broker.subscriptions();
    }
}
