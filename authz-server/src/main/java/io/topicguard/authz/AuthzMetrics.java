package io.topicguard.authz;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * The service's Prometheus metrics, served at {@code GET /metrics}:
 * <ul>
 * <li>{@code topicguard_authz_answers_total{endpoint,answer}}: {@code allow}, {@code deny},
 *     {@code ignore}, {@code bad_request}, {@code busy}, {@code error}</li>
 * <li>{@code topicguard_authz_request_duration_seconds{endpoint}}: from the request read to the
 *     answer written, authentication included</li>
 * <li>{@code topicguard_policy_rules}: rules of the policy in force</li>
 * </ul>
 * In a registry of the server's own (two servers in one JVM count apart). Thread-safe.
 */
final class AuthzMetrics {

    // Settings in code: PrometheusProperties.get() would read system properties and files.
    private static final PrometheusProperties FIXED = PrometheusProperties.builder().build();
    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter answers = Counter.builder(FIXED).name("topicguard_authz_answers_total")
            .help("Answers of the decision service, by endpoint and answer.").labelNames("endpoint", "answer")
            .withoutExemplars().register(registry);
    // 10 µs .. 5 s: a policy check is well under a microsecond, a slow hash or an HTTP authenticator seconds.
    private final Histogram duration = Histogram.builder(FIXED).name("topicguard_authz_request_duration_seconds")
            .help("Time from a request read to its answer written, by endpoint.").labelNames("endpoint")
            .classicOnly().classicUpperBounds(1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 0.01, 0.05, 0.1, 0.5, 1, 5)
            .withoutExemplars().register(registry);

    AuthzMetrics(DoubleSupplier policyRules) {
        GaugeWithCallback.builder(FIXED).name("topicguard_policy_rules").help("Rules of the policy in force.")
                .callback(callback -> callback.call(policyRules.getAsDouble())).register(registry);
    }

    void answered(String endpoint, String answer, long startNanos) {
        answers.labelValues(endpoint, answer).inc();
        duration.labelValues(endpoint).observe((System.nanoTime() - startNanos) / 1e9);
    }

    String render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            TEXT.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String contentType() {
        return TEXT.getContentType();
    }
}
