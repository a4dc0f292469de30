package io.topicguard.broker.metrics;

import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerStatus;

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
    public static void register(BrokerMetrics metrics, Broker broker) {
        metrics.gauge("topicguard_connected_clients", "Clients with an open, accepted connection.",
                () -> broker.status().connectedClients());
        metrics.gauge("topicguard_sessions", "Sessions held, connected or persistent and away.", () -> broker.status().sessions());
        metrics.gauge("topicguard_subscriptions", "Subscriptions held, by the policy's classification "
                        + "(allow: delivered unchecked; partial: checked per delivery).",
                List.of("classification"), () -> subscriptionsByClassification(broker.status()));
        metrics.counter("topicguard_limit_reached_total", "Times a client ran into a resource limit, by limit (docs/broker.md, Limits).",
                "limit", () -> broker.limitEvents().reachedByLimit());
        metrics.counter("topicguard_queue_dropped_total", "Messages queued for a session and dropped, by reason.",
                "reason", () -> broker.limitEvents().droppedByReason());
    }

    /** {@code allow} and {@code partial} subscription counts over every session. */
    public static Map<List<String>, Double> subscriptionsByClassification(BrokerStatus status) {
        Map<List<String>, Double> out = new LinkedHashMap<>();
        out.put(List.of("allow"), (double) status.allowSubscriptions());
        out.put(List.of("partial"), (double) status.partialSubscriptions());
        return out;
    }
}
