package io.topicguard.auth.config;

import java.util.Objects;

/** {@code http:} — where the HTTP decision service ({@code authz-server}) listens; {@code tls} null for plain HTTP. */
public record HttpServerConfig(int port, String bind, TlsConfig tls) {
    public HttpServerConfig {
        Objects.requireNonNull(bind, "bind");
    }
}
