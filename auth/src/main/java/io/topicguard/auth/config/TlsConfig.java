package io.topicguard.auth.config;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code tls:} of a listener or of the HTTP server: PEM certificate chain and key, and the CA
 * bundle client certificates are checked against ({@code cafile}, null when none).
 */
public record TlsConfig(Path cert, Path key, @Nullable Path cafile, boolean requireClientCert) {
    public TlsConfig {
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }
}
