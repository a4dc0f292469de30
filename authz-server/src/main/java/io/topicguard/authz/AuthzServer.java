package io.topicguard.authz;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.config.HttpServerConfig;
import io.topicguard.auth.config.MetricsConfig;
import io.topicguard.engine.Policy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The HTTP decision service (docs/integrations.md): EMQX 5, mosquitto-go-auth and VerneMQ ask it
 * over their own HTTP contracts, and it answers from the policy in force and the authentication
 * chain. Stateless: any number of replicas can sit behind a load balancer.
 *
 * <pre>{@code
 * try (AuthzServer server = AuthzServer.start(config.http(), config.metrics(), reloader::policy, chain)) {
 *     ... POST http://127.0.0.1:8090/emqx/authz ...
 * }
 * }</pre>
 *
 * Policy questions are answered on the connection's event loop (a check is well under a
 * microsecond); authentication runs on the chain's workers and the answer is written back on the
 * event loop. {@code policy} is asked once per request, so a reload is in force for the next one.
 * Thread-safe; {@link #close()} stops the listeners (not the chain, which the caller owns).
 */
public final class AuthzServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuthzServer.class);

    /** Bodies are a few hundred bytes; anything over 64 KiB is answered 413 by the aggregator. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** A keep-alive connection idle this long (or stalled mid-request) is closed. */
    private static final int IDLE_SECONDS = 60;

    private final EventLoopGroup group;
    private final Channel listener;
    private final @Nullable Channel metricsListener;

    private AuthzServer(EventLoopGroup group, Channel listener, @Nullable Channel metricsListener) {
        this.group = group;
        this.listener = listener;
        this.metricsListener = metricsListener;
    }

    /**
     * Binds {@code http} (port 0 picks a free one), with TLS when {@code http.tls()} is set, and
     * {@code metrics} (plain HTTP, {@code /metrics} and {@code /healthz} only) when not null.
     *
     * @param policy the policy in force, asked once per request
     * @throws IOException              naming the address when a port cannot be bound
     * @throws IllegalArgumentException naming the file when the TLS files cannot be used
     */
    public static AuthzServer start(HttpServerConfig http, @Nullable MetricsConfig metrics, Supplier<Policy> policy,
                                    AuthenticationChain chain) throws IOException {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(chain, "chain");
        SslContext tls = http.tls() == null ? null : ServerTls.context(http.tls());
        DenialLog denials = DenialLog.standard();
        AuthzMetrics authzMetrics = new AuthzMetrics(() -> policy.get().ruleCount());
        AuthzHandler decisions = new AuthzHandler(endpoints(policy, chain, denials), authzMetrics, true);

        EventLoopGroup group = new NioEventLoopGroup(0, new DefaultThreadFactory("topicguard-authz", true));
        try {
            Channel channel = bind(group, http.bind(), http.port(), tls, decisions, "decision service");
            Channel metricsChannel = metrics == null ? null
                    : bind(group, metrics.bind(), metrics.port(), null, new AuthzHandler(Map.of(), authzMetrics, false), "metrics");
            // The summary of the denials the rate limit held back, once per interval.
            group.scheduleAtFixedRate(denials::flush, 1, 1, TimeUnit.SECONDS);
            return new AuthzServer(group, channel, metricsChannel);
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Checks what {@link #start} would refuse before binding anything: the TLS files of
     * {@code http} ({@code authz-server --check}).
     *
     * @throws IllegalArgumentException naming the file when the TLS files cannot be used
     */
    public static void check(HttpServerConfig http) {
        if (http.tls() != null) {
            ServerTls.context(http.tls());
        }
    }

    static Map<String, Endpoint> endpoints(Supplier<Policy> policy, AuthenticationChain chain, DenialLog denials) {
        Admission admission = new Admission(policy, chain, denials);
        Bindings bindings = new Bindings(policy);
        EmqxEndpoints emqx = new EmqxEndpoints(bindings, admission, denials);
        MosquittoEndpoints mosquitto = new MosquittoEndpoints(bindings, admission, denials);
        VerneMqEndpoint verne = new VerneMqEndpoint(bindings, admission, denials);
        return Map.of(
                EmqxEndpoints.AUTHN, emqx::authenticate,
                EmqxEndpoints.AUTHZ, emqx::authorize,
                MosquittoEndpoints.USER, mosquitto::user,
                MosquittoEndpoints.SUPERUSER, mosquitto::superuser,
                MosquittoEndpoints.ACL, mosquitto::acl,
                VerneMqEndpoint.PATH, verne::answer);
    }

    private static Channel bind(EventLoopGroup group, String address, int port, @Nullable SslContext tls, AuthzHandler handler,
                                String what) throws IOException {
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast("ssl", tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("idle", new IdleStateHandler(IDLE_SECONDS, 0, 0))
                                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                                .addLast("aggregator", new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast("authz", handler);
                    }
                });
        try {
            Channel channel = bootstrap.bind(new InetSocketAddress(address, port)).sync().channel();
            InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
            LOG.info("{} on {}://{}:{}/", what, tls == null ? "http" : "https", bound.getAddress().getHostAddress(), bound.getPort());
            return channel;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + address + ":" + port, e);
        } catch (Exception e) {
            throw new IOException("cannot listen on " + address + ":" + port + " (" + what + "): " + e.getMessage(), e);
        }
    }

    /** The decision service's port (the real one when 0 was asked for). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The metrics listener's port, or -1 without one. */
    public int metricsPort() {
        return metricsListener == null ? -1 : ((InetSocketAddress) metricsListener.localAddress()).getPort();
    }

    /** Blocks until the decision listener is closed (by {@link #close()}, from another thread). */
    public void awaitClose() {
        listener.closeFuture().awaitUninterruptibly();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        if (metricsListener != null) {
            metricsListener.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
