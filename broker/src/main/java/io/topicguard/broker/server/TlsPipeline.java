package io.topicguard.broker.server;

import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;

/**
 * Installs the TLS handlers at the head of a new TLS-listener channel, before the MQTT codec.
 * The handler named {@code ssl} must come first; handlers after it may log handshake failures
 * and must set {@link io.topicguard.broker.protocol.ChannelAttributes#CLIENT_CERTIFICATE_CN} when a
 * verified client certificate was presented (the handshake completes before any MQTT byte is
 * decoded, so CONNECT always sees it).
 */
@FunctionalInterface
public interface TlsPipeline {

    void install(SocketChannel channel);

    /** Just the {@code ssl} handler of {@code context}. */
    static TlsPipeline of(SslContext context) {
        return channel -> channel.pipeline().addLast("ssl", context.newHandler(channel.alloc()));
    }
}
