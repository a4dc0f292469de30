package io.topicguard.auth.config;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/** {@code http:} — where the HTTP decision service ({@code authz-server}) listens; {@code tls} null for plain HTTP. */
public record HttpServerConfig(int port, String bind, @Nullable TlsConfig tls) {
    public HttpServerConfig {
        Objects.requireNonNull(bind, "bind");
    }
}
