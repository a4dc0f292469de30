package io.topicguard.auth.config;

import java.util.Objects;

/** {@code websocket:} — the listener speaks MQTT over WebSocket (subprotocol {@code mqtt}) at {@code path}. */
public record WebSocketConfig(String path) {
    public WebSocketConfig {
        Objects.requireNonNull(path, "path");
    }
}
