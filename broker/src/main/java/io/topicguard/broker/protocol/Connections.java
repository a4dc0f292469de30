package io.topicguard.broker.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.Future;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.broker.auth.IdentityOptions;
import io.topicguard.broker.delivery.MessageRouter;
import io.topicguard.broker.delivery.PolicyReload;
import io.topicguard.broker.log.LimitEvents;
import io.topicguard.broker.log.LogThrottle;
import io.topicguard.broker.routing.SubscriptionTree;
import io.topicguard.broker.session.Session;
import io.topicguard.broker.session.SessionRegistry;
import io.topicguard.engine.ClientInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The open MQTT connections of one broker and the few things the broker asks of all of them at
 * once: bind to another policy, end the ones matching a test, stop. Each is done on every
 * connection's own event loop (where its state lives), and the calls wait until every loop has
 * done it. The broker's internal seam to this package; embedders use
 * {@link io.topicguard.broker.server.Broker}.
 *
 * <p>Thread-safe. The waiting calls must not be made on a network event loop.
 */
public final class Connections {

    /** How long a broker-wide operation waits for one connection's event loop (it never blocks; this bounds a stuck JVM). */
    private static final long WAIT_SECONDS = 10;

    private final BrokerContext context;

    /**
     * @param initial       the access control new connections are bound to until {@link #accessControl(AccessControl)}
     * @param authentication the chain every CONNECT is walked through, or null for none (only
     *                       anonymous clients are admitted, when the policy allows them)
     * @param identity       how the client id and username are derived from a CONNECT
     * @param denials        rate-limits the denial lines clients cause
     * @param limitEvents    counts and logs clients running into a resource limit
     */
    public Connections(SessionRegistry sessions, SubscriptionTree subscriptions, MessageRouter router, AccessControl initial,
                       AuthenticationChain authentication, IdentityOptions identity, ProtocolLimits limits, ChannelGroup channels,
                       LogThrottle denials, LimitEvents limitEvents) {
        this.context = new BrokerContext(sessions, subscriptions, router, initial, authentication, identity, limits, channels, denials, limitEvents);
    }

    /**
     * The handler at the end of a new connection's pipeline.
     *
     * @param listener the listener's name, {@code tcp} or {@code tls}: the policy's {@code listener} attribute
     */
    public ChannelHandler newHandler(String listener) {
        return new MqttConnectionHandler(context, listener);
    }

    /** The protocol limits every connection enforces. */
    public ProtocolLimits limits() {
        return context.limits();
    }

    /** The access control new connections are bound to. */
    public AccessControl accessControl() {
        return context.accessControl();
    }

    /**
     * Swaps the policy: new connections are bound to {@code next}; every open connection is bound
     * again (a client the new policy refuses is disconnected, 0x98 for a ban; its will and
     * subscriptions follow the new binding) and so is every persistent session whose client is
     * away. Returns once every connection has been re-bound.
     */
    public void accessControl(AccessControl next) {
        context.installAccessControl(next);
        onEveryConnection(handler -> handler.rebind(next));
        context.sessions().rebindPendingWills(next);
        for (Session s : context.sessions().all()) {
            if (!s.connected() && s.access() != null) {
                PolicyReload.rebind(s, next.bind(s.access().client(), s.access().admission()), context.subscriptions());
            }
        }
    }

    /**
     * Ends every accepted connection whose client matches {@code which} (MQTT 5: DISCONNECT 0x98
     * Administrative action; MQTT 3.1.1: close). Returns how many, once every connection was asked.
     */
    public int disconnectIf(Predicate<ClientInfo> which) {
        AtomicInteger ended = new AtomicInteger();
        onEveryConnection(handler -> {
            if (handler.disconnectAdministrativelyIf(which)) {
                ended.incrementAndGet();
            }
        });
        return ended.get();
    }

    /** Stops every connection because the broker shuts down: no wills are published from now on (MQTT 5: DISCONNECT 0x8B). */
    public void shutdown() {
        context.beginShutdown();
        onEveryConnection(MqttConnectionHandler::shutdown);
    }

    /** Whether {@link #shutdown()} was called. */
    public boolean shuttingDown() {
        return context.shuttingDown();
    }

    private void onEveryConnection(Consumer<MqttConnectionHandler> action) {
        List<Future<?>> done = new ArrayList<>();
        for (Channel c : context.channels()) {
            MqttConnectionHandler handler = c.pipeline().get(MqttConnectionHandler.class);
            if (handler != null) {
                try {
                    done.add(c.eventLoop().submit(() -> action.accept(handler)));
                } catch (RejectedExecutionException stopping) {
                    // The event loop is shutting down: so is the connection.
                }
            }
        }
        for (Future<?> f : done) {
            // Netty refuses to wait on an event loop (BlockingOperationException) instead of deadlocking.
            f.awaitUninterruptibly(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
