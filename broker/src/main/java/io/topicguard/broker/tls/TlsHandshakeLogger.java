package io.topicguard.broker.tls;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSession;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Writes one log line when a client's TLS handshake fails, saying why in words, for example
 * <pre>
 * TLS handshake from 10.1.2.3:51234 failed: client certificate CN=device-1 expired on 2026-01-01T00:00:00Z
 * TLS handshake from 10.1.2.3:51240 failed: the client did not speak TLS (plain MQTT sent to the TLS port?)
 * </pre>
 * Failures an operator acts on (certificates, versions, ciphers, plain text) are logged at INFO;
 * timeouts and peers that hang up mid-handshake (port scanners, health checks) at DEBUG, so that
 * a flood of them cannot flood the log. Successful handshakes are logged at DEBUG with the
 * protocol, cipher suite and client CN, and the CN is put in the channel attribute
 * {@link ClientCertificates#COMMON_NAME} for the broker to give to the policy.
 *
 * <p>Place it directly after the {@link SslHandler} ({@link TlsHandlers#install} does). The
 * exception that follows a failed handshake is consumed here, because this line already said
 * everything; handlers further down never see it. Stateless and {@link Sharable}: use
 * {@link #INSTANCE}. The logger's name is this class's.
 */
@Sharable
public final class TlsHandshakeLogger extends ChannelInboundHandlerAdapter {

    /** The one instance every TLS channel shares. */
    public static final TlsHandshakeLogger INSTANCE = new TlsHandshakeLogger();

    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeLogger.class);

    private TlsHandshakeLogger() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent completion) {
            if (completion.isSuccess()) {
                // Before passing the event on: SslHandler fires it ahead of the first decoded MQTT byte.
                ClientCertificates.commonName(ctx.channel())
                        .ifPresent(cn -> ctx.channel().attr(ClientCertificates.COMMON_NAME).set(cn));
                logSuccess(ctx);
            } else {
                logFailure(ctx, completion.cause());
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl != null && ssl.handshakeFuture().isDone() && !ssl.handshakeFuture().isSuccess()) {
            // The handshake failure, already explained by logFailure; SslHandler closes the channel.
            ctx.close();
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    private static void logFailure(ChannelHandlerContext ctx, Throwable cause) {
        HandshakeDiagnosis diagnosis = HandshakeDiagnosis.of(cause);
        String peer = peer(ctx.channel().remoteAddress());
        if (diagnosis.kind().worthInfo()) {
            LOG.info("TLS handshake from {} failed: {}", peer, diagnosis.sentence());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("TLS handshake from {} failed: {}", peer, diagnosis.sentence());
        }
    }

    private static void logSuccess(ChannelHandlerContext ctx) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return;
        }
        SSLSession session = ssl.engine().getSession();
        LOG.debug("TLS handshake from {} done: {} {}, client certificate CN {}", peer(ctx.channel().remoteAddress()),
                session.getProtocol(), session.getCipherSuite(),
                ClientCertificates.commonName(ssl).map(cn -> "\"" + cn + "\"").orElse("none"));
    }

    /** {@code 10.1.2.3:51234} or {@code [::1]:51234}, without the hostname lookup toString may show. */
    static String peer(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
