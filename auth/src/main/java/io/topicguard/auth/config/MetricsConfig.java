package io.topicguard.auth.config;

import java.util.Objects;

/** {@code metrics:} — where the Prometheus endpoint listens. */
public record MetricsConfig(int port, String bind) {
    public MetricsConfig {
        Objects.requireNonNull(bind, "bind");
    }
}
