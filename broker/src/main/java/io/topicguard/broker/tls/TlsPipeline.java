package io.topicguard.broker.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * Puts TLS at the head of a channel's pipeline: the {@link SslHandler} of the server context,
 * then the {@link TlsHandshakeLogger}. Call it first in the TLS listener's channel initializer,
 * before the MQTT codec:
 * <pre>{@code
 * protected void initChannel(SocketChannel ch) {
 *     TlsPipeline.install(ch, sslContext);          // "tls", "tls-handshake"
 *     ch.pipeline().addLast("mqtt-decoder", ...);
 * }
 * }</pre>
 */
public final class TlsPipeline {

    /** Name of the {@link SslHandler} in the pipeline. */
    public static final String SSL_HANDLER = "tls";
    /** Name of the {@link TlsHandshakeLogger} in the pipeline. */
    public static final String HANDSHAKE_LOGGER = "tls-handshake";

    private TlsPipeline() {
    }

    /**
     * Adds the two handlers at the head of {@code channel}'s pipeline and returns the
     * {@link SslHandler}. Its handshake timeout is Netty's default (10 s): a client that opens the
     * port and sends nothing is closed after that, logged at DEBUG only.
     */
    public static SslHandler install(Channel channel, SslContext context) {
        SslHandler ssl = context.newHandler(channel.alloc());
        channel.pipeline().addFirst(HANDSHAKE_LOGGER, TlsHandshakeLogger.INSTANCE);
        channel.pipeline().addFirst(SSL_HANDLER, ssl);
        return ssl;
    }
}
