package io.topicguard.auth.config;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * One entry of {@code listeners:}. The name is what a policy's {@code listener "..."} term sees.
 * {@code tls} and {@code websocket} are null when the listener is plain TCP; both may be set
 * (MQTT over secure WebSocket). Port 0 asks the system for a free port.
 */
public record ListenerConfig(String name, int port, String bind, @Nullable TlsConfig tls, @Nullable WebSocketConfig websocket) {
    public ListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
    }
}
