package io.topicguard.broker.server;

import java.util.Objects;

/**
 * One port the broker accepts MQTT clients on. The name is what a policy's {@code listener "..."}
 * term sees for every client that came in here ({@code tcp}, {@code tls}, {@code ws}, ...).
 *
 * <pre>{@code
 * BrokerConfig.builder(source, policy)
 *         .listener(BrokerListener.tcp("tcp", "127.0.0.1", 1883))
 *         .listener(BrokerListener.tcp("ws", "127.0.0.1", 8080).webSocket("/mqtt"))
 *         .build();
 * }</pre>
 *
 * Immutable.
 *
 * @param name          what the policy's {@code listener} term sees; unique within a broker
 * @param bindAddress   an IP literal (or {@code localhost}) to bind to
 * @param port          0..65535, 0 for an ephemeral port
 * @param tls           the TLS handlers, or null for a plain listener
 * @param webSocketPath the HTTP path MQTT over WebSocket is served at, or null for MQTT straight on the socket
 */
public record BrokerListener(String name, String bindAddress, int port, TlsPipeline tls, String webSocketPath) {

    public BrokerListener {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a listener needs a name");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port of listener '" + name + "' must be 0..65535, got " + port);
        }
        if (webSocketPath != null && !webSocketPath.startsWith("/")) {
            throw new IllegalArgumentException("the WebSocket path of listener '" + name + "' must start with '/', got '" + webSocketPath + "'");
        }
    }

    /** MQTT straight on TCP. */
    public static BrokerListener tcp(String name, String bindAddress, int port) {
        return new BrokerListener(name, bindAddress, port, null, null);
    }

    /** The same listener, speaking TLS first. */
    public BrokerListener tls(TlsPipeline handlers) {
        return new BrokerListener(name, bindAddress, port, Objects.requireNonNull(handlers, "handlers"), webSocketPath);
    }

    /** The same listener, carrying MQTT in WebSocket binary frames after an HTTP upgrade at {@code path}. */
    public BrokerListener webSocket(String path) {
        return new BrokerListener(name, bindAddress, port, tls, Objects.requireNonNull(path, "path"));
    }

    /** {@code tcp}, {@code tls}, {@code ws} or {@code wss}: how MQTT reaches this listener. */
    public String transport() {
        if (webSocketPath != null) {
            return tls != null ? "wss" : "ws";
        }
        return tls != null ? "tls" : "tcp";
    }
}
