package io.topicguard.broker.server;

import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.topicguard.broker.tls.TlsHandlers;

/**
 * Installs the TLS handlers at the head of a new TLS-listener channel, before the MQTT codec.
 * The handler named {@code ssl} must come first; handlers after it may log handshake failures
 * and set {@link io.topicguard.broker.tls.ClientCertificates#COMMON_NAME} when a verified client
 * certificate was presented (the handshake completes before any MQTT byte is decoded, so CONNECT
 * always sees it). {@link #of(SslContext)} installs the TLS package's handlers, which do both.
 */
@FunctionalInterface
public interface TlsPipeline {

    void install(SocketChannel channel);

    /** The {@code ssl} handler of {@code context} and the handshake logger that extracts the client's CN. */
    static TlsPipeline of(SslContext context) {
        return channel -> TlsHandlers.install(channel, context);
    }
}
