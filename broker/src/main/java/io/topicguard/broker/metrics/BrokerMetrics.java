package io.topicguard.broker.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything topicguard measures, by the names operators scrape (see docs/operations.md):
 *
 * <ul>
 * <li>{@code topicguard_decisions_total{action,verdict,reason}}: every policy answer the broker asked for</li>
 * <li>{@code topicguard_check_duration_seconds}: time of one publish/subscribe/deliver check</li>
 * <li>{@code topicguard_authentications_total{outcome}}: {@code ok}, {@code bad_password} (an
 *     authenticator denied), {@code unknown_user} (no authenticator knew the client), {@code busy},
 *     {@code banned}, {@code anonymous_refused}</li>
 * <li>{@code topicguard_password_verification_duration_seconds}: one slow-hash verification</li>
 * <li>{@code topicguard_authenticator_answers_total{authenticator,answer}}: each answer of each link of
 *     the authentication chain ({@code allow}, {@code deny}, {@code ignore})</li>
 * <li>{@code topicguard_authenticator_duration_seconds{authenticator}}: time each link took to answer</li>
 * <li>{@code topicguard_reloads_total{result}}: {@code success} or {@code failure}</li>
 * </ul>
 * plus the gauges the broker registers when it starts (connected clients, subscriptions by
 * classification, policy rules, decision cache). Kept in a Prometheus registry of this broker's own,
 * not the library's global default one, so two brokers in one JVM count apart. Thread-safe.
 */
public final class BrokerMetrics {

    // Settings given in code rather than PrometheusProperties.get(), which reads system properties
    // and a prometheus.properties file where an entry for one of our names could change its buckets.
    private static final PrometheusProperties FIXED = PrometheusProperties.builder().build();
    // Prometheus text format 0.0.4, without _created samples.
    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CounterFamily decisions = counterFamily("topicguard_decisions_total",
            "Policy decisions asked by the broker, by action, verdict and reason.", "action", "verdict", "reason");
    // 100 ns .. 10 ms: a check is expected well under a microsecond (README.md).
    private final LatencyHistogram checkLatency = histogram("topicguard_check_duration_seconds",
            "Time of one publish, subscribe or deliver check.", 1e-7, 2.5e-7, 5e-7, 1e-6, 2.5e-6, 1e-5, 1e-4, 1e-3, 1e-2);
    private final CounterFamily authentications = counterFamily("topicguard_authentications_total",
            "CONNECT authentication outcomes.", "outcome");
    // Deliberately slow hashes (docs/semantics.md, The password file): 1 ms .. 5 s.
    private final LatencyHistogram passwordLatency = histogram("topicguard_password_verification_duration_seconds",
            "Time of one password verification against the password file (cached successes excluded).",
            0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);
    private final CounterFamily authenticatorAnswers = counterFamily("topicguard_authenticator_answers_total",
            "Answers of each authenticator of the chain, by authenticator and answer (allow, deny, ignore).", "authenticator", "answer");
    // From a cached password (microseconds) to an HTTP service at its timeout (seconds).
    private final LatencyHistogram authenticatorLatency = labelledHistogram("topicguard_authenticator_duration_seconds",
            "Time one authenticator of the chain took to answer, by authenticator.", new String[] {"authenticator"},
            0.0001, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);
    private final CounterFamily reloads = counterFamily("topicguard_reloads_total",
            "Policy and password file reloads, by result.", "result");

    public CounterFamily decisions() {
        return decisions;
    }

    public LatencyHistogram checkLatency() {
        return checkLatency;
    }

    public CounterFamily authentications() {
        return authentications;
    }

    public LatencyHistogram passwordLatency() {
        return passwordLatency;
    }

    public CounterFamily authenticatorAnswers() {
        return authenticatorAnswers;
    }

    public LatencyHistogram authenticatorLatency() {
        return authenticatorLatency;
    }

    public CounterFamily reloads() {
        return reloads;
    }

    /** Registers a gauge without labels, read at every scrape. */
    public void gauge(String name, String help, Supplier<? extends Number> value) {
        GaugeWithCallback.builder(FIXED).name(name).help(help)
                .callback(sample -> sample.call(value.get().doubleValue()))
                .register(registry);
    }

    /** Registers a labelled gauge, read at every scrape; keys of the map are label values in {@code labelNames} order. */
    public void gauge(String name, String help, List<String> labelNames, Supplier<Map<List<String>, Double>> values) {
        GaugeWithCallback.builder(FIXED).name(name).help(help).labelNames(labelNames.toArray(String[]::new))
                .callback(sample -> values.get().forEach((labels, v) -> sample.call(v, labels.toArray(String[]::new))))
                .register(registry);
    }

    /** Registers a count kept elsewhere (e.g. the decision cache's hits), read at every scrape. */
    public void counter(String name, String help, Supplier<? extends Number> value) {
        CounterWithCallback.builder(FIXED).name(name).help(help)
                .callback(sample -> sample.call(value.get().doubleValue()))
                .register(registry);
    }

    /** Registers counts kept elsewhere under one label, read at every scrape; keys of the map are the label's values. */
    public void counter(String name, String help, String labelName, Supplier<Map<String, Long>> values) {
        CounterWithCallback.builder(FIXED).name(name).help(help).labelNames(labelName)
                .callback(sample -> values.get().forEach((label, v) -> sample.call(v.doubleValue(), label)))
                .register(registry);
    }

    /** All metrics in Prometheus text format 0.0.4. */
    public String render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            TEXT.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The Content-Type to serve {@link #render()} with. */
    public static String contentType() {
        return TEXT.getContentType();
    }

    private CounterFamily counterFamily(String name, String help, String... labelNames) {
        // The client appends _total itself and wants the name without it; it strips a given one.
        Counter counter = Counter.builder(FIXED).name(name).help(help).labelNames(labelNames)
                .withoutExemplars().register(registry);
        return new CounterFamily(counter, labelNames);
    }

    private LatencyHistogram labelledHistogram(String name, String help, String[] labelNames, double... upperBounds) {
        Histogram histogram = Histogram.builder(FIXED).name(name).help(help).labelNames(labelNames).classicOnly()
                .classicUpperBounds(upperBounds).withoutExemplars().register(registry);
        return new LatencyHistogram(histogram);
    }

    private LatencyHistogram histogram(String name, String help, double... upperBounds) {
        Histogram histogram = Histogram.builder(FIXED).name(name).help(help).classicOnly().classicUpperBounds(upperBounds)
                .withoutExemplars().register(registry);
        return new LatencyHistogram(histogram);
    }
}
