package io.topicguard.broker.metrics;

import io.topicguard.broker.protocol.BrokerContext;
import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.session.Session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gauges read from a running broker's state at scrape time: connected clients and
 * subscriptions by the classification the policy gave them (docs/semantics.md, Subscribe). Denied subscriptions
 * are never stored, so they show in {@code topicguard_decisions_total{action="subscribe",verdict="deny"}}.
 */
public final class BrokerGauges {

    private BrokerGauges() {
    }

    /** Registers the broker's gauges on {@code metrics}. */
    public static void register(BrokerMetrics metrics, BrokerContext context) {
        metrics.gauge("topicguard_connected_clients", "Clients with an open, accepted connection.", () -> connectedClients(context));
        metrics.gauge("topicguard_sessions", "Sessions held, connected or persistent and away.", () -> context.sessions().all().size());
        metrics.gauge("topicguard_subscriptions", "Subscriptions held, by the policy's classification "
                        + "(allow: delivered unchecked; partial: checked per delivery).",
                List.of("classification"), () -> subscriptionsByClassification(context));
    }

    /** Sessions with a network connection attached now. */
    public static long connectedClients(BrokerContext context) {
        return context.sessions().all().stream().filter(Session::connected).count();
    }

    /** {@code allow} and {@code partial} subscription counts over every session. */
    public static Map<List<String>, Double> subscriptionsByClassification(BrokerContext context) {
        long partial = 0;
        long allow = 0;
        for (Session s : context.sessions().all()) {
            for (Subscription sub : s.subscriptions()) {
                if (sub.checkEachDelivery()) {
                    partial++;
                } else {
                    allow++;
                }
            }
        }
        Map<List<String>, Double> out = new LinkedHashMap<>();
        out.put(List.of("allow"), (double) allow);
        out.put(List.of("partial"), (double) partial);
        return out;
    }
}
