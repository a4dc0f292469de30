package io.topicguard.broker.tls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A tiny TLS server on an ephemeral loopback port with the production pipeline head
 * ({@link TlsHandlers#install}); after a successful handshake it answers
 * {@code cn=CN attribute=CN} (CN from the session and from the channel attribute; {@code -} and
 * {@code null} when absent) and a newline, and it records every exception that gets past the logger.
 */
final class TlsTestServer implements AutoCloseable {

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel server;
    private final List<Throwable> exceptionsDownstream = new CopyOnWriteArrayList<>();

    TlsTestServer(SslContext context, long handshakeTimeoutMillis) throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        TlsHandlers.install(channel, context, Duration.ofMillis(handshakeTimeoutMillis));
                        channel.pipeline().addLast(new AnswerCommonName());
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Exceptions that reached the handler after the logger; handshake failures must not. */
    List<Throwable> exceptionsDownstream() throws InterruptedException {
        // The single event loop runs this after whatever it was doing when the caller saw the log line.
        group.submit(() -> { }).sync();
        return List.copyOf(exceptionsDownstream);
    }

    @Override
    public void close() throws InterruptedException {
        server.close().sync();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }

    private final class AnswerCommonName extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent completion && completion.isSuccess()) {
                String cn = ClientCertificates.commonName(ctx.channel()).orElse("-");
                String attribute = String.valueOf(ctx.channel().attr(ClientCertificates.COMMON_NAME).get());
                ctx.writeAndFlush(Unpooled.copiedBuffer("cn=" + cn + " attribute=" + attribute + "\n", StandardCharsets.UTF_8));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exceptionsDownstream.add(cause);
            ctx.close();
        }
    }
}
