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
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.topicguard.auth.reload.ReloadResult;
import io.topicguard.broker.delivery.MessageRouter;
import io.topicguard.broker.log.LimitEvents;
import io.topicguard.broker.log.LogThrottle;
import io.topicguard.broker.persistence.MvStorePersistence;
import io.topicguard.broker.persistence.Persistence;
import io.topicguard.broker.persistence.Restorer;
import io.topicguard.broker.protocol.Connections;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.routing.Message;
import io.topicguard.broker.routing.RetainedStore;
import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.routing.SubscriptionTree;
import io.topicguard.broker.session.QueueLimits;
import io.topicguard.broker.session.Session;
import io.topicguard.broker.session.SessionRegistry;
import io.topicguard.engine.ClientInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * An MQTT 3.1.1/5.0 broker enforcing a topicguard policy, embeddable in a test or a tool:
 *
 * <pre>{@code
 * PolicySource source = new PolicySource(Path.of("acl_file"), PolicyFormat.MOSQUITTO);
 * try (Broker broker = Broker.start(BrokerConfig.builder(source, source.load()).port(0).build())) {
 *     int port = broker.tcpPort();
 *     ...                      // edit acl_file: the broker reloads it, in mosquitto format
 *     broker.reload();         // or reload now and learn what happened
 * }
 * }</pre>
 *
 * <p>What the broker enforces — the policy source, the policy loaded from it and the password
 * file — has one owner inside it, which reloads them when the files change (when watched), on
 * {@link #reload()} and on SIGHUP (when asked). Every swap of the policy re-binds every connected
 * client and persistent session: a client the new policy bans is disconnected, subscriptions are
 * classified again, queued messages checked again.
 *
 * <p>Thread-safe: every method may be called from any thread except the broker's own network
 * event loops (the waiting ones refuse to run there rather than deadlock). {@link #close()} stops
 * the listeners and closes every connection without publishing wills (the clients did nothing
 * wrong), and releases the threads.
 */
public final class Broker implements AutoCloseable {

    /** The logger that says what each reload did, and logs one ERROR per file that fails to reload. */
    public static final String RELOAD_LOGGER = "io.topicguard.broker.reload";

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    /**
     * Handshakes the system may hold for the accept loop: as many as it allows (Linux's
     * net.core.somaxconn, 4,096 since 5.4; the kernel caps any larger request to it), at least
     * 1,024. When a fleet reconnects at once, a handshake that finds the queue full is dropped and
     * retried by the client's TCP a second or more later: at 1,024, those retries were the slowest
     * CONNACKs of a 10,000-client connect storm.
     */
    static final int ACCEPT_BACKLOG = Math.max(1024, NetUtil.SOMAXCONN);

    private final BrokerConfig config;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup("topicguard", GlobalEventExecutor.INSTANCE);
    private final SessionRegistry sessions;
    private final SubscriptionTree subscriptions = new SubscriptionTree();
    private final LimitEvents limitEvents = new LimitEvents();
    private final MessageRouter router;
    private final Connections connections;
    private final ReloadCoordinator inForce;
    private final Persistence persistence;
    private final RetainedStore retained;
    /** The bound listeners, in the order they were configured. */
    private final Map<BrokerListener, Channel> listening = new LinkedHashMap<>();
    private volatile boolean closed;

    private Broker(BrokerConfig config, Persistence persistence) {
        this.config = config;
        this.persistence = persistence;
        this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory("topicguard-accept", true));
        // One event loop per processor, not Netty's two: nothing blocks a loop (the authentication
        // chain runs on its own workers), so extra loops only add context switches and make more deliveries
        // hop from the publisher's loop to another one.
        int ioThreads = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
        this.workers = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("topicguard-io", true));
        ProtocolLimits limits = config.limits();
        RetainedStore retained = new RetainedStore(limits.maximumRetained(), limits.maximumRetainedBytes());
        this.retained = retained;
        AtomicReference<MessageRouter> router = new AtomicReference<>();
        QueueLimits queueLimits = new QueueLimits(limits.maximumQueued(), limits.maximumQueuedBytes(),
                limits.queueOverflow() == ProtocolLimits.QueueOverflow.DROP_OLDEST, limitEvents);
        this.sessions = new SessionRegistry(subscriptions, workers, will -> router.get().publishWill(will, connections().accessControl()),
                queueLimits, limits.maximumSessions(), persistence);
        LogThrottle denials = LogThrottle.forDenials();
        router.set(new MessageRouter(subscriptions, retained, sessions, denials, persistence));
        this.router = router.get();
        this.connections = new Connections(sessions, subscriptions, this.router, config.accessControl(), config.authentication(),
                config.identity(), config.limits(), channels, denials, limitEvents);
        // Summaries of held-back denial lines are written even when the flood that caused them stopped.
        Duration logWindow = denials.window();
        workers.scheduleAtFixedRate(() -> {
            denials.sweep();
            limitEvents.sweep();
        }, logWindow.toMillis(), logWindow.toMillis(), TimeUnit.MILLISECONDS);
        this.inForce = new ReloadCoordinator(config, connections);
    }

    /**
     * Binds the listeners, starts accepting clients, and starts watching the files (when
     * {@link BrokerConfig#watchQuiet()} is set and there is a file to watch) and handling SIGHUP
     * (when {@link BrokerConfig#reloadOnHangup()}).
     *
     * @throws IOException naming the address when a port cannot be bound (in use, no permission),
     *                     when the platform cannot watch files, or naming the store and the cause
     *                     when {@link BrokerConfig#dataDir()} cannot be opened
     */
    public static Broker start(BrokerConfig config) throws IOException {
        Persistence persistence = config.dataDir() == null ? Persistence.NONE : MvStorePersistence.open(config.dataDir());
        Broker broker;
        try {
            broker = new Broker(config, persistence);
        } catch (RuntimeException e) {
            persistence.close();
            throw e;
        }
        try {
            if (persistence instanceof MvStorePersistence store) {
                // Before any listener: no client sees the broker without its retained messages and sessions.
                Restorer.restore(store, broker.retained, broker.sessions, broker.subscriptions, config.accessControl());
            }
            for (BrokerListener listener : config.listeners()) {
                broker.listening.put(listener, broker.bind(listener));
            }
            broker.inForce.start(config, () -> broker.closed);
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private Channel bind(BrokerListener listener) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new MqttChannelInitializer(listener, connections));
        InetSocketAddress address = new InetSocketAddress(listener.bindAddress(), listener.port());
        try {
            Channel channel = bootstrap.bind(address).sync().channel();
            InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
            LOG.info("listening on {}:{} ({}{})", bound.getAddress().getHostAddress(), bound.getPort(), listener.name(), describe(listener));
            return channel;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + address, e);
        } catch (Exception e) {
            // Netty rethrows the socket's checked exception unchecked; name the address and the cause.
            String why = e instanceof BindException ? "address already in use or not available" : String.valueOf(e.getMessage());
            throw new IOException("cannot listen on " + listener.bindAddress() + ":" + listener.port() + " (" + listener.name() + "): " + why, e);
        }
    }

    /**
     * What the log's "listening on" line adds after the listener's name, where the name alone
     * does not say it: nothing for the classic {@code tcp} and {@code tls} listeners (their lines
     * read as they always did), {@code ; MQTT over WebSocket at /mqtt} for a WebSocket listener.
     */
    private static String describe(BrokerListener listener) {
        if (listener.webSocketPath() != null) {
            return "; MQTT over " + (listener.tls() != null ? "secure " : "") + "WebSocket at " + listener.webSocketPath();
        }
        return listener.name().equals(listener.transport()) ? "" : "; MQTT over " + (listener.tls() != null ? "TLS" : "TCP");
    }

    /**
     * The port the first plain MQTT-over-TCP listener is bound to (the real one when 0 was asked for).
     *
     * @throws IllegalStateException when every listener uses TLS or WebSocket
     */
    public int tcpPort() {
        return listening.keySet().stream().filter(l -> l.transport().equals("tcp")).findFirst().flatMap(l -> port(l.name()))
                .orElseThrow(() -> new IllegalStateException("the broker has no plain TCP listener"));
    }

    /** The port the first MQTT-over-TLS listener is bound to, if there is one. */
    public Optional<Integer> tlsPort() {
        return listening.keySet().stream().filter(l -> l.transport().equals("tls")).findFirst().flatMap(l -> port(l.name()));
    }

    /** The port the listener called {@code name} is bound to (the real one when 0 was asked for), if there is one. */
    public Optional<Integer> port(String name) {
        return listening.entrySet().stream().filter(e -> e.getKey().name().equals(name)).findFirst()
                .map(e -> ((InetSocketAddress) e.getValue().localAddress()).getPort());
    }

    /**
     * Loads the policy source and the password file again, now, on the calling thread, if their
     * bytes changed since they were last loaded (a {@code touch} is not a change). A file that
     * loads is swapped in and every connected client re-bound before this returns; one that does
     * not leaves the previous one in force and is logged (ERROR on {@link #RELOAD_LOGGER}) once
     * per broken version. Reloads are serialized with the file watcher's and SIGHUP's.
     */
    public ReloadResult reload() {
        return inForce.reloadNow("reload", false);
    }

    /**
     * Ends the accepted connections whose client matches {@code which} (MQTT 5: DISCONNECT 0x98
     * Administrative action; MQTT 3.1.1: close). {@code which} runs on each connection's event
     * loop against its current binding, so it must be quick and must not block. Returns how many
     * connections were ended, once every connection was asked. Sessions and wills are kept as
     * for any unexpected close.
     */
    public int disconnectIf(Predicate<ClientInfo> which) {
        return connections.disconnectIf(which);
    }

    /** What is in force, how reloads went, and how many clients and subscriptions are held; counts sessions on each call. */
    public BrokerStatus status() {
        long connected = 0;
        long allow = 0;
        long partial = 0;
        var all = sessions.all();
        for (Session s : all) {
            if (s.connected()) {
                connected++;
            }
            for (Subscription sub : s.subscriptions()) {
                if (sub.checkEachDelivery()) {
                    partial++;
                } else {
                    allow++;
                }
            }
        }
        return new BrokerStatus(inForce.status(), connected, all.size(), allow, partial);
    }

    /** The session of {@code clientId}, if the broker holds one for an accepted client (connected or away). */
    public Optional<ClientView> client(String clientId) {
        Session s = sessions.get(clientId);
        if (s == null || s.access() == null) {
            return Optional.empty();
        }
        List<ClientView.Subscribed> subs = s.subscriptions().stream().sorted(Comparator.comparing(Subscription::filter))
                .map(sub -> new ClientView.Subscribed(sub.filter(), sub.qos(), sub.checkEachDelivery())).toList();
        return Optional.of(new ClientView(s.access().client(), s.connected(), s.access(), subs, s.queuedCount()));
    }

    /**
     * Publishes a message as the broker itself (no client; e.g. {@code $SYS} topics): delivered
     * to the subscribers the policy lets read it, exactly as a client's message would be.
     * Ignored once the broker is closing.
     *
     * @param topic a valid topic name (no wildcards)
     */
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        if (closed || connections.shuttingDown()) {
            return;
        }
        router.publish(new Message(topic, payload.clone(), qos, retain, null, null));
    }

    /** A reload named {@code trigger} in the log; {@code force} reloads unchanged files too, as SIGHUP does. For tests. */
    ReloadResult reload(String trigger, boolean force) {
        return inForce.reloadNow(trigger, force);
    }

    /** How often clients ran into each resource limit, and the queued messages sessions dropped: for metrics and {@code $SYS}. */
    public LimitEvents limitEvents() {
        return limitEvents;
    }

    /** The open connections; a method so the constructor's will publisher can reach them once they exist. */
    private Connections connections() {
        return connections;
    }

    /** The server channel bound for the listener called {@code name}, for tests of its socket options. */
    Optional<Channel> listenerChannel(String name) {
        return listening.entrySet().stream().filter(e -> e.getKey().name().equals(name)).findFirst().map(Map.Entry::getValue);
    }

    /** The subscription tree, for tests in this module that plant what a race would leave behind. */
    SubscriptionTree subscriptions() {
        return subscriptions;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        inForce.close();
        for (Channel listener : listening.values()) {
            listener.close().syncUninterruptibly();
        }
        connections.shutdown();
        channels.newCloseFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        persistence.close(); // after the event loops: nothing writes to the store any more
        if (config.authentication() != null) {
            config.authentication().close();
        }
        LOG.info("stopped");
    }
}
