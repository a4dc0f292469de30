package io.topicguard.broker.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import java.time.Duration;

/**
 * Puts TLS at the head of a channel's pipeline: the {@link SslHandler} of the server context,
 * then the {@link TlsHandshakeLogger}, which also sets {@link ClientCertificates#COMMON_NAME} when the
 * handshake succeeds with a verified client certificate. Call it first in the TLS listener's channel initializer,
 * before the MQTT codec:
 * <pre>{@code
 * protected void initChannel(SocketChannel ch) {
 *     TlsHandlers.install(ch, sslContext);          // adds "ssl", "tls-handshake"
 *     ch.pipeline().addLast("mqtt-decoder", ...);
 * }
 * }</pre>
 */
public final class TlsHandlers {

    /** Name of the {@link SslHandler} in the pipeline. */
    public static final String SSL_HANDLER = "ssl";
    /** Name of the {@link TlsHandshakeLogger} in the pipeline. */
    public static final String HANDSHAKE_LOGGER = "tls-handshake";

    private TlsHandlers() {
    }

    /** Netty's default, long enough for a slow device on a poor link. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Adds the two handlers at the head of {@code channel}'s pipeline, with the default handshake
     * timeout, and returns the {@link SslHandler}.
     */
    public static SslHandler install(Channel channel, SslContext context) {
        return install(channel, context, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /**
     * Adds the two handlers at the head of {@code channel}'s pipeline and returns the
     * {@link SslHandler}. A client that has not finished the handshake after
     * {@code handshakeTimeout} is disconnected (and logged at DEBUG only), so connections that
     * never handshake cannot pile up.
     */
    public static SslHandler install(Channel channel, SslContext context, Duration handshakeTimeout) {
        SslHandler ssl = context.newHandler(channel.alloc());
        // Must be set before the handler is added: on an accepted channel, adding it starts the handshake.
        ssl.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        channel.pipeline().addFirst(HANDSHAKE_LOGGER, TlsHandshakeLogger.INSTANCE);
        channel.pipeline().addFirst(SSL_HANDLER, ssl);
        return ssl;
    }
}
