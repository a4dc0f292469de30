package io.topicguard.auth.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** {@code jwks: {url, refresh}} — a JSON Web Key Set fetched from {@code url} and refreshed every {@code refresh}. */
public record JwksConfig(URI url, Duration refresh) {
    public JwksConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(refresh, "refresh");
    }
}
