package io.topicguard.broker.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Everything topicguard measures, by the names operators scrape (see docs/operations.md):
 *
 * <ul>
 * <li>{@code topicguard_decisions_total{action,verdict,reason}}: every policy answer the broker asked for</li>
 * <li>{@code topicguard_check_duration_seconds}: time of one publish/subscribe/deliver check</li>
 * <li>{@code topicguard_authentications_total{outcome}}: {@code ok}, {@code bad_password},
 *     {@code unknown_user}, {@code banned}, {@code anonymous_refused}</li>
 * <li>{@code topicguard_password_verification_duration_seconds}: one slow-hash verification</li>
 * <li>{@code topicguard_reloads_total{result}}: {@code success} or {@code failure}</li>
 * </ul>
 * plus the gauges the broker registers when it starts (connected clients, subscriptions by
 * classification, policy rules, decision cache). Thread-safe.
 */
public final class BrokerMetrics {

    private final CounterFamily decisions = new CounterFamily("topicguard_decisions_total",
            "Policy decisions asked by the broker, by action, verdict and reason.", "action", "verdict", "reason");
    // 100 ns .. 10 ms: a check is expected well under a microsecond (README.md).
    private final Histogram checkLatency = new Histogram("topicguard_check_duration_seconds",
            "Time of one publish, subscribe or deliver check.", 1e-7, 2.5e-7, 5e-7, 1e-6, 2.5e-6, 1e-5, 1e-4, 1e-3, 1e-2);
    private final CounterFamily authentications = new CounterFamily("topicguard_authentications_total",
            "CONNECT authentication outcomes.", "outcome");
    // Deliberately slow hashes (docs/semantics.md, The password file): 1 ms .. 5 s.
    private final Histogram passwordLatency = new Histogram("topicguard_password_verification_duration_seconds",
            "Time of one password verification against the password file (cached successes excluded).",
            0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);
    private final CounterFamily reloads = new CounterFamily("topicguard_reloads_total",
            "Policy and password file reloads, by result.", "result");
    private final List<Metric> registered = new CopyOnWriteArrayList<>();

    public CounterFamily decisions() {
        return decisions;
    }

    public Histogram checkLatency() {
        return checkLatency;
    }

    public CounterFamily authentications() {
        return authentications;
    }

    public Histogram passwordLatency() {
        return passwordLatency;
    }

    public CounterFamily reloads() {
        return reloads;
    }

    /** Registers a gauge without labels, read at every scrape. */
    public void gauge(String name, String help, Supplier<? extends Number> value) {
        registered.add(new GaugeFamily(name, help, "gauge", List.of(), () -> Map.of(List.of(), value.get().doubleValue())));
    }

    /** Registers a labelled gauge, read at every scrape; keys of the map are label values in {@code labelNames} order. */
    public void gauge(String name, String help, List<String> labelNames, Supplier<Map<List<String>, Double>> values) {
        registered.add(new GaugeFamily(name, help, "gauge", labelNames, values));
    }

    /** Registers a count kept elsewhere (e.g. the decision cache's hits), read at every scrape. */
    public void counter(String name, String help, Supplier<? extends Number> value) {
        registered.add(new GaugeFamily(name, help, "counter", List.of(), () -> Map.of(List.of(), value.get().doubleValue())));
    }

    /** All metrics in Prometheus text format 0.0.4. */
    public String render() {
        StringBuilder out = new StringBuilder(4096);
        for (Metric m : all()) {
            m.writeTo(out);
        }
        return out.toString();
    }

    /** The Content-Type to serve {@link #render()} with. */
    public static String contentType() {
        return PrometheusText.CONTENT_TYPE;
    }

    private List<Metric> all() {
        List<Metric> all = new ArrayList<>(List.of(decisions, checkLatency, authentications, passwordLatency, reloads));
        all.addAll(registered);
        return all;
    }
}
