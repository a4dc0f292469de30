package io.topicguard.broker.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.auth.DenialLog;
import io.topicguard.broker.delivery.PolicyReload;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The Netty side of one MQTT connection: reads packets and hands them to the exchange they belong
 * to ({@link ConnectFlow}, {@link PublishFlow}, {@link SubscribeFlow}; bad input to
 * {@link BadInput}), holds back what arrives while a password is checked, and ends the connection
 * on keep-alive expiry or a network error. The connection's state lives in its
 * {@link ClientConnection}. Everything here runs on the channel's event loop.
 *
 * <p>Nothing is logged per packet above DEBUG, and denials are rate-limited
 * ({@link ClientConnection#mayLogDenial()}): a misbehaving client cannot flood the log.
 */
final class MqttConnectionHandler extends ChannelInboundHandlerAdapter {

    static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);

    private final BrokerContext broker;
    private final String listener;
    private ChannelHandlerContext ctx;
    private ClientConnection c;
    private ConnectFlow connects;
    private PublishFlow publishes;
    private SubscribeFlow subscribes;
    /**
     * The connection's one timer: the CONNECT deadline until CONNACK, then the keep-alive check.
     * Not Netty's IdleStateHandler: with a handler, its context and a second timer per connection
     * it cost an idle client about 200 bytes for what two fields and this timer do.
     */
    private ScheduledFuture<?> timer;
    private long keepAliveNanos;
    private long lastReadNanos;
    private boolean reading;
    // Sized for the few packets a client sends before CONNACK (rarely any): the default 16 slots are per idle connection.
    private final ArrayDeque<MqttMessage> receivedWhileAuthenticating = new ArrayDeque<>(1);

    MqttConnectionHandler(BrokerContext broker, String listener) {
        this.broker = broker;
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().attr(ChannelAttributes.LISTENER).set(listener);
        // One state object and one of each exchange per connection, made once: a PUBLISH allocates none of them.
        this.c = new ClientConnection(broker, ctx.channel());
        this.connects = new ConnectFlow(c, this);
        this.publishes = new PublishFlow(c);
        this.subscribes = new SubscribeFlow(c);
        DeliveryBatch.bind(ctx.executor());
        ChannelHandlerContext decoder = ctx.pipeline().context(MqttDecoder.class);
        if (decoder != null) {
            // Packets must arrive whole in bounded time, without duplicated MQTT 5 properties (FrameCheck).
            ctx.pipeline().addBefore(decoder.name(), "frame-check",
                    new FrameCheck(broker.limits().maximumPacketSize(), broker.limits().incompletePacketTimeout()));
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        broker.channels().add(ctx.channel());
        // A client that opens a socket and never completes CONNECT is closed after a bounded time.
        timer = ctx.executor().schedule(() -> {
            if (c.state != ClientConnection.State.CONNECTED && c.channel.isActive()) {
                LOG.debug("closing {}: no CONNECT within {}", c.peer(), broker.limits().connectTimeout());
                c.channel.close();
            }
        }, broker.limits().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage m)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        reading = true;
        if (c.state == ClientConnection.State.AUTHENTICATING) {
            // MQTT 5.0 §3.1.4: a client may send packets before CONNACK; keep them until the password is checked.
            receivedWhileAuthenticating.add(m);
            return;
        }
        try {
            handle(m);
        } finally {
            ReferenceCountUtil.release(m);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // A read batch that brought whole packets restarts the keep-alive period (MQTT-3.1.2-24), once per batch, not per packet.
        if (reading) {
            reading = false;
            lastReadNanos = System.nanoTime();
        }
        ctx.fireChannelReadComplete();
    }

    private void handle(MqttMessage m) {
        if (c.state == ClientConnection.State.CLOSED) {
            return;
        }
        if (m.decoderResult().isFailure()) {
            BadInput.decoderFailure(c, m);
            return;
        }
        if (c.state == ClientConnection.State.AWAIT_CONNECT) {
            if (m instanceof MqttConnectMessage connect) {
                connects.onConnect(connect);
            } else {
                // MQTT-3.1.0-1: the first packet must be CONNECT.
                LOG.debug("closing {}: {} before CONNECT", c.peer(), m.fixedHeader().messageType());
                c.close();
            }
            return;
        }
        switch (m.fixedHeader().messageType()) {
            case CONNECT -> c.protocolError("a second CONNECT"); // MQTT-3.1.0-2
            case PUBLISH -> publishes.onPublish((MqttPublishMessage) m);
            case PUBACK -> c.session.acknowledged(packetId(m));
            case PUBREC -> publishes.onPubrec(m);
            case PUBREL -> publishes.onPubrel(packetId(m));
            case PUBCOMP -> c.session.completed(packetId(m));
            case SUBSCRIBE -> subscribes.onSubscribe((MqttSubscribeMessage) m);
            case UNSUBSCRIBE -> subscribes.onUnsubscribe((MqttUnsubscribeMessage) m);
            case PINGREQ -> c.channel.writeAndFlush(Packets.PINGRESP);
            case DISCONNECT -> onDisconnect(m);
            default -> c.protocolError("a " + m.fixedHeader().messageType() + " packet, which only a server sends");
        }
    }

    static int packetId(MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    /** Holds back what the client sends until the password check ends (it runs off the event loop). */
    void authenticating() {
        c.state = ClientConnection.State.AUTHENTICATING;
        c.channel.config().setAutoRead(false);
    }

    /** Called by {@link ConnectFlow} once CONNACK is out: replays what arrived meanwhile. */
    void connected(int keepAliveSeconds) {
        c.state = ClientConnection.State.CONNECTED;
        cancelTimer();
        if (keepAliveSeconds > 0) {
            // MQTT-3.1.2-24: close after one and a half keep-alive periods without a packet.
            keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(keepAliveSeconds * 1500L);
            lastReadNanos = System.nanoTime();
            timer = ctx.executor().schedule(this::checkKeepAlive, keepAliveNanos, TimeUnit.NANOSECONDS);
        }
        resumeReading();
    }

    private void checkKeepAlive() {
        if (c.state == ClientConnection.State.CLOSED || !c.channel.isActive()) {
            return;
        }
        long silent = reading ? 0 : System.nanoTime() - lastReadNanos;
        if (silent >= keepAliveNanos) {
            LOG.debug("closing {}: keep-alive expired", c.peer());
            c.disconnect(ReasonCodes.KEEP_ALIVE_TIMEOUT);
            return;
        }
        timer = ctx.executor().schedule(this::checkKeepAlive, keepAliveNanos - silent, TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Leaves the AUTHENTICATING state (accepted or refused) and processes what was held back. */
    void resumeReading() {
        while (!receivedWhileAuthenticating.isEmpty()) {
            MqttMessage m = receivedWhileAuthenticating.poll();
            try {
                handle(m);
            } finally {
                ReferenceCountUtil.release(m);
            }
        }
        c.channel.config().setAutoRead(true);
    }

    private void onDisconnect(MqttMessage m) {
        byte reason = 0;
        if (c.v5() && m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h) {
            reason = h.reasonCode();
            MqttProperties.MqttProperty<?> expiry = h.properties().getProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
            if (expiry != null) {
                long seconds = Integer.toUnsignedLong((Integer) expiry.value());
                if (c.connectExpirySeconds == 0 && seconds != 0) {
                    c.protocolError("DISCONNECT setting a session expiry after CONNECT set none"); // MQTT-3.14.2-2
                    return;
                }
                broker.sessions().expiryInterval(c.session, Math.min(seconds, broker.limits().maximumSessionExpiry()));
            }
        }
        // MQTT-3.14.4-3: a normal DISCONNECT discards the will; reason 0x04 asks for it to be sent.
        c.disconnectedByClient(reason == 0x04);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        c.state = ClientConnection.State.CLOSED;
        cancelTimer();
        while (!receivedWhileAuthenticating.isEmpty()) {
            ReferenceCountUtil.release(receivedWhileAuthenticating.poll());
        }
        if (c.session != null && !c.wasTakenOver()) {
            broker.sessions().disconnected(c.session, c, c.willOnClose());
        }
        LOG.debug("connection closed: {}", c.peer());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof VirtualMachineError fatal) {
            // Out of memory: not this client's business. Logged, and handed to the thread's
            // uncaught-exception handler: `topicguard serve` exits there; an embedder decides.
            LOG.error("fatal error on the network thread: {}", fatal.toString());
            c.close();
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, fatal);
            return;
        }
        // Resets and TLS failures are the peer's business: DEBUG only, and only this connection closes.
        LOG.debug("closing {}: {}", c.peer(), cause.toString());
        c.close();
    }

    // --- what the broker asks of every connection (Connections), each run on this event loop -------

    /**
     * Binds this connection to a new policy (hot reload): the client's connect question is asked
     * again (a newly banned client is disconnected with 0x98 / closed), the will is re-bound, and
     * every subscription is classified again without a window for leaks ({@link PolicyReload}).
     */
    void rebind(AccessControl next) {
        if (c.state != ClientConnection.State.CONNECTED) {
            return;
        }
        // With the same admission: a superuser by its token stays one, and its carried rules stay in force.
        ClientAccess fresh = next.bind(c.access.client(), c.access.admission());
        Decision d = fresh.connect();
        if (!d.allowed()) {
            if (c.mayLogDenial()) {
                DenialLog.denied(fresh.client(), "connect", null, d);
            }
            // The will follows the new binding too: it is published on close only if the policy then allows it.
            c.rebound(fresh);
            // A new ban is an operator's action on a live connection: 0x98 Administrative action (MQTT 5.0 §3.14.2.1).
            c.disconnect(d.reason() == Reason.BANNED ? ReasonCodes.ADMINISTRATIVE_ACTION : ReasonCodes.NOT_AUTHORIZED);
            return;
        }
        c.rebound(fresh);
        PolicyReload.rebind(c.session, fresh, broker.subscriptions());
    }

    /**
     * Ends this connection on an operator's behalf when its client matches {@code which} (MQTT 5:
     * DISCONNECT 0x98 Administrative action; MQTT 3.1.1: close), tested against the connection's
     * current binding. Says whether it did.
     */
    boolean disconnectAdministrativelyIf(Predicate<ClientInfo> which) {
        if (c.state == ClientConnection.State.CONNECTED && which.test(c.access.client())) {
            c.disconnect(ReasonCodes.ADMINISTRATIVE_ACTION);
            return true;
        }
        return false;
    }

    /** Stops a connection because the broker shuts down (MQTT 5: DISCONNECT 0x8B). */
    void shutdown() {
        c.disconnect(ReasonCodes.SERVER_SHUTTING_DOWN);
    }
}
