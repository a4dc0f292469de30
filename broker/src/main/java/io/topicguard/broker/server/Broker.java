package io.topicguard.broker.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.delivery.MessageRouter;
import io.topicguard.broker.delivery.PolicyReload;
import io.topicguard.broker.protocol.BrokerContext;
import io.topicguard.broker.protocol.MqttConnectionHandler;
import io.topicguard.broker.routing.RetainedStore;
import io.topicguard.broker.routing.SubscriptionTree;
import io.topicguard.broker.session.Session;
import io.topicguard.broker.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An MQTT 3.1.1/5.0 broker enforcing a topicguard policy, embeddable in a test or a tool:
 *
 * <pre>{@code
 * try (Broker broker = Broker.start(BrokerConfig.builder(AccessControl.of(policy)).port(0).build())) {
 *     int port = broker.tcpPort();
 *     ...
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} stops the listeners and closes every connection without
 * publishing wills (the clients did nothing wrong), and releases the threads.
 */
public final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup("topicguard", GlobalEventExecutor.INSTANCE);
    private final BrokerContext context;
    private Channel tcpListener;
    private Channel tlsListener;
    private volatile boolean closed;

    private Broker(BrokerConfig config) {
        this.config = config;
        this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory("topicguard-accept", true));
        // One event loop per processor, not Netty's two: nothing blocks a loop (password hashes run
        // on their own pool), so extra loops only add context switches and make more deliveries
        // hop from the publisher's loop to another one.
        int ioThreads = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
        this.workers = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("topicguard-io", true));
        SubscriptionTree tree = new SubscriptionTree();
        RetainedStore retained = new RetainedStore();
        AtomicReference<MessageRouter> router = new AtomicReference<>();
        SessionRegistry sessions = new SessionRegistry(tree, workers, will -> router.get().publishWill(will), config.limits().maximumQueued());
        router.set(new MessageRouter(tree, retained, sessions));
        this.context = new BrokerContext(sessions, tree, router.get(), config.accessControl(), config.authenticator(), config.limits(), channels);
    }

    /**
     * Binds the listeners and starts accepting clients.
     *
     * @throws IOException naming the address when a port cannot be bound (in use, no permission)
     */
    public static Broker start(BrokerConfig config) throws IOException {
        Broker broker = new Broker(config);
        try {
            broker.tcpListener = broker.bind("tcp", config.port(), null);
            if (config.tlsPort() >= 0) {
                broker.tlsListener = broker.bind("tls", config.tlsPort(), config.tls());
            }
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private Channel bind(String listener, int port, TlsPipeline tls) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new MqttChannelInitializer(listener, context, tls));
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), port);
        try {
            Channel channel = bootstrap.bind(address).sync().channel();
            InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
            LOG.info("listening on {}:{} ({})", bound.getAddress().getHostAddress(), bound.getPort(), listener);
            return channel;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + address, e);
        } catch (Exception e) {
            // Netty rethrows the socket's checked exception unchecked; name the address and the cause.
            String why = e instanceof BindException ? "address already in use or not available" : String.valueOf(e.getMessage());
            throw new IOException("cannot listen on " + config.bindAddress() + ":" + port + " (" + listener + "): " + why, e);
        }
    }

    /** The port the TCP listener is bound to (the real one when 0 was asked for). */
    public int tcpPort() {
        return ((InetSocketAddress) tcpListener.localAddress()).getPort();
    }

    /** The port the TLS listener is bound to, if there is one. */
    public Optional<Integer> tlsPort() {
        return tlsListener == null ? Optional.empty() : Optional.of(((InetSocketAddress) tlsListener.localAddress()).getPort());
    }

    /**
     * Swaps the policy (hot reload): new connections are bound to {@code next}, open connections
     * and disconnected persistent sessions are re-bound (their subscriptions classified again).
     */
    public void reload(AccessControl next) {
        context.accessControl(next);
        for (Channel c : channels) {
            MqttConnectionHandler handler = c.pipeline().get(MqttConnectionHandler.class);
            if (handler != null) {
                handler.rebind(next);
            }
        }
        for (Session s : context.sessions().all()) {
            if (!s.connected() && s.access() != null) {
                PolicyReload.rebind(s, next.bind(s.access().client()), context.subscriptions());
            }
        }
    }

    /** Shared state, for tests in this module. */
    public BrokerContext context() {
        return context;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        context.beginShutdown();
        if (tcpListener != null) {
            tcpListener.close().syncUninterruptibly();
        }
        if (tlsListener != null) {
            tlsListener.close().syncUninterruptibly();
        }
        for (Channel c : channels) {
            MqttConnectionHandler handler = c.pipeline().get(MqttConnectionHandler.class);
            if (handler != null) {
                handler.shutdown();
            }
        }
        channels.newCloseFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (config.authenticator() != null) {
            config.authenticator().close();
        }
        LOG.info("stopped");
    }
}
