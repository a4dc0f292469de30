package io.topicguard.broker.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.topicguard.broker.metrics.BrokerMetrics;
import io.topicguard.broker.server.ClientView;
import io.topicguard.auth.reload.PolicyStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The admin HTTP listener: one event-loop thread of its own, so a slow scrape never delays MQTT
 * traffic. It has no authentication, which is why it binds to loopback by default; expose it
 * only behind something that authenticates.
 *
 * <pre>{@code
 * try (AdminServer admin = AdminServer.start("127.0.0.1", 9100, metrics, () -> broker.status().policy(), broker::client)) {
 *     ... curl http://127.0.0.1:9100/metrics ...
 * }
 * }</pre>
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** Requests are a line and a few headers; anything bigger is not for us. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final EventLoopGroup group;
    private final Channel listener;

    private AdminServer(EventLoopGroup group, Channel listener) {
        this.group = group;
        this.listener = listener;
    }

    /**
     * Binds {@code bindAddress:port} (0 for an ephemeral port).
     *
     * @throws IOException naming the address when it cannot be bound
     */
    public static AdminServer start(String bindAddress, int port, BrokerMetrics metrics, Supplier<PolicyStatus> policy,
                                    Function<String, Optional<ClientView>> clients) throws IOException {
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("topicguard-admin", true));
        AdminHandler handler = new AdminHandler(metrics, policy, clients);
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192), new HttpObjectAggregator(MAX_REQUEST_BYTES), handler);
                    }
                });
        try {
            Channel channel = bootstrap.bind(new InetSocketAddress(bindAddress, port)).sync().channel();
            InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
            LOG.info("admin endpoints on http://{}:{}/ (metrics, policy, clients)", bound.getAddress().getHostAddress(), bound.getPort());
            return new AdminServer(group, channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("interrupted while binding the admin port " + bindAddress + ":" + port, e);
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("cannot listen on " + bindAddress + ":" + port + " (admin): " + e.getMessage(), e);
        }
    }

    /** The port bound (the real one when 0 was asked for). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
