package io.topicguard.broker.routing;

import java.util.Objects;

/**
 * One client's subscription as granted.
 *
 * @param clientId          the subscribing session
 * @param filter            the filter as subscribed, {@code $share/GROUP/} included: the key of the subscription
 *                          and what the policy's deliver check is asked about
 * @param topicFilter       the filter messages are matched against ({@code filter} without {@code $share/GROUP/})
 * @param shareGroup        the shared-subscription group, or null
 * @param qos               the granted (maximum) QoS
 * @param noLocal           MQTT 5 no-local: never deliver this client's own publications
 * @param retainAsPublished MQTT 5 retain-as-published: keep the RETAIN flag on forwarded messages
 * @param retainHandling    MQTT 5 retain handling: 0 send retained on subscribe, 1 only if new, 2 never
 * @param subscriptionId    MQTT 5 subscription identifier, 0 for none
 * @param checkEachDelivery the policy said PARTIAL (docs/semantics.md, Deliver, {@code partial filter}): ask
 *                          {@code deliver} for every message; false when the policy said ALLOW
 *
 * <p>It is the engine's {@link io.topicguard.engine.Subscription} too, so a delivery check passes it as is.
 */
public record Subscription(String clientId, String filter, String topicFilter, String shareGroup, int qos, boolean noLocal,
                           boolean retainAsPublished, int retainHandling, int subscriptionId, boolean checkEachDelivery)
        implements io.topicguard.engine.Subscription {

    public Subscription {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(topicFilter, "topicFilter");
    }

    /** A plain (non-shared) subscription with MQTT 3.1.1 options. */
    public static Subscription simple(String clientId, String filter, int qos, boolean checkEachDelivery) {
        return new Subscription(clientId, filter, filter, null, qos, false, false, 0, 0, checkEachDelivery);
    }

    /** The same subscription with its per-delivery check switched on or off (after a policy reload). */
    public Subscription withCheckEachDelivery(boolean check) {
        return new Subscription(clientId, filter, topicFilter, shareGroup, qos, noLocal, retainAsPublished, retainHandling, subscriptionId, check);
    }

    public boolean shared() {
        return shareGroup != null;
    }
}
