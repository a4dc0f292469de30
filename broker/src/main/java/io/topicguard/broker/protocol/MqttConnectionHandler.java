package io.topicguard.broker.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.auth.DenialLog;
import io.topicguard.broker.delivery.PolicyReload;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.broker.session.OutboundMessage;
import io.topicguard.broker.session.Session;
import io.topicguard.broker.session.SessionOutput;
import io.topicguard.broker.session.Will;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One MQTT connection: its state machine (waiting for CONNECT, authenticating, connected, closed)
 * and the state MQTT keeps per network connection (protocol version, topic aliases, the will, the
 * client's limits). Packets are handed to {@link ConnectFlow}, {@link PublishFlow} and
 * {@link SubscribeFlow}; bad input to {@link BadInput}. Everything here runs on the channel's
 * event loop, except {@link SessionOutput} calls, which may come from any thread and only write.
 *
 * <p>Nothing is logged per packet above DEBUG: a misbehaving client cannot flood the log.
 */
public final class MqttConnectionHandler extends ChannelInboundHandlerAdapter implements SessionOutput {

    static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);

    enum State { AWAIT_CONNECT, AUTHENTICATING, CONNECTED, CLOSED }

    final BrokerContext broker;
    ChannelHandlerContext ctx;
    Channel channel;
    Outbox outbox;
    State state = State.AWAIT_CONNECT;
    MqttVersion version = MqttVersion.MQTT_3_1_1;

    // Set once CONNECT is accepted.
    ClientAccess access;
    Session session;
    volatile Will will;
    int clientReceiveMaximum = 0xFFFF;
    long clientMaximumPacketSize; // 0: the client set no limit
    long connectExpirySeconds;
    final Map<Integer, String> topicAliases = new HashMap<>();

    private volatile boolean cleanDisconnect;
    private volatile boolean takenOver;
    private ScheduledFuture<?> connectTimeout;
    private final ArrayDeque<MqttMessage> receivedWhileAuthenticating = new ArrayDeque<>();

    public MqttConnectionHandler(BrokerContext broker) {
        this.broker = broker;
    }

    boolean v5() {
        return version == MqttVersion.MQTT_5;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.channel();
        this.outbox = new Outbox(channel);
        DeliveryBatch.bind(ctx.executor());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        broker.channels().add(ctx.channel());
        // A client that opens a socket and never completes CONNECT is closed after a bounded time.
        connectTimeout = ctx.executor().schedule(() -> {
            if (state != State.CONNECTED && channel.isActive()) {
                LOG.debug("closing {}: no CONNECT within {}", peer(), broker.limits().connectTimeout());
                channel.close();
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
        if (state == State.AUTHENTICATING) {
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

    private void handle(MqttMessage m) {
        if (state == State.CLOSED) {
            return;
        }
        if (m.decoderResult().isFailure()) {
            BadInput.decoderFailure(this, m);
            return;
        }
        if (state == State.AWAIT_CONNECT) {
            if (m instanceof MqttConnectMessage connect) {
                ConnectFlow.onConnect(this, connect);
            } else {
                // MQTT-3.1.0-1: the first packet must be CONNECT.
                LOG.debug("closing {}: {} before CONNECT", peer(), m.fixedHeader().messageType());
                close();
            }
            return;
        }
        switch (m.fixedHeader().messageType()) {
            case CONNECT -> protocolError("a second CONNECT"); // MQTT-3.1.0-2
            case PUBLISH -> PublishFlow.onPublish(this, (MqttPublishMessage) m);
            case PUBACK -> session.acknowledged(packetId(m));
            case PUBREC -> PublishFlow.onPubrec(this, m);
            case PUBREL -> PublishFlow.onPubrel(this, packetId(m));
            case PUBCOMP -> session.completed(packetId(m));
            case SUBSCRIBE -> SubscribeFlow.onSubscribe(this, (MqttSubscribeMessage) m);
            case UNSUBSCRIBE -> SubscribeFlow.onUnsubscribe(this, (MqttUnsubscribeMessage) m);
            case PINGREQ -> channel.writeAndFlush(Packets.PINGRESP);
            case DISCONNECT -> onDisconnect(m);
            default -> protocolError("a " + m.fixedHeader().messageType() + " packet, which only a server sends");
        }
    }

    static int packetId(MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    /** Called by {@link ConnectFlow} once CONNACK is out: replays what arrived meanwhile. */
    void connected(int keepAliveSeconds) {
        state = State.CONNECTED;
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
        }
        if (keepAliveSeconds > 0) {
            // MQTT-3.1.2-24: close after one and a half keep-alive periods without a packet.
            ctx.pipeline().addBefore(ctx.name(), "keepalive", new IdleStateHandler(keepAliveSeconds * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        }
        resumeReading();
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
        channel.config().setAutoRead(true);
    }

    private void onDisconnect(MqttMessage m) {
        byte reason = 0;
        if (v5() && m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h) {
            reason = h.reasonCode();
            MqttProperties.MqttProperty<?> expiry = h.properties().getProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
            if (expiry != null) {
                long seconds = Integer.toUnsignedLong((Integer) expiry.value());
                if (connectExpirySeconds == 0 && seconds != 0) {
                    protocolError("DISCONNECT setting a session expiry after CONNECT set none"); // MQTT-3.14.2-2
                    return;
                }
                broker.sessions().expiryInterval(session, seconds);
            }
        }
        // MQTT-3.14.4-3: a normal DISCONNECT discards the will; reason 0x04 asks for it to be sent.
        cleanDisconnect = reason != 0x04;
        state = State.CLOSED;
        channel.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            LOG.debug("closing {}: keep-alive expired", peer());
            disconnect(ReasonCodes.KEEP_ALIVE_TIMEOUT);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        if (connectTimeout != null) {
            connectTimeout.cancel(false);
        }
        while (!receivedWhileAuthenticating.isEmpty()) {
            ReferenceCountUtil.release(receivedWhileAuthenticating.poll());
        }
        if (session != null && !takenOver) {
            Will w = cleanDisconnect || broker.shuttingDown() ? null : will;
            broker.sessions().disconnected(session, this, w);
        }
        LOG.debug("connection closed: {}", peer());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and TLS failures are the peer's business: DEBUG only, and only this connection closes.
        LOG.debug("closing {}: {}", peer(), cause.toString());
        close();
    }

    // --- ways to end a connection ----------------------------------------------------------

    void close() {
        state = State.CLOSED;
        channel.close();
    }

    /** MQTT 5: DISCONNECT with {@code reasonCode}, then close; MQTT 3.1.1 has no server DISCONNECT: close. */
    void disconnect(byte reasonCode) {
        state = State.CLOSED;
        if (v5() && channel.isActive()) {
            channel.writeAndFlush(Packets.disconnect(reasonCode)).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    void protocolError(String what) {
        LOG.debug("closing {}: protocol error: {}", peer(), what);
        disconnect(ReasonCodes.PROTOCOL_ERROR);
    }

    /** Refuses CONNECT with the code of this connection's protocol version, then closes (MQTT-3.2.2-5). */
    void refuse(MqttConnectReturnCode v5Code, MqttConnectReturnCode v3Code) {
        MqttConnectReturnCode code = v5() ? v5Code : v3Code;
        state = State.CLOSED;
        if (code == null) {
            channel.close();
            return;
        }
        MqttConnAckMessage connAck = Packets.connAck(code, false, MqttProperties.NO_PROPERTIES);
        channel.writeAndFlush(connAck).addListener(ChannelFutureListener.CLOSE);
    }

    // --- SessionOutput (any thread) ---------------------------------------------------------

    @Override
    public boolean sendPublish(int packetId, OutboundMessage message, boolean dup) {
        return OutboundPublish.write(this, packetId, message, dup);
    }

    @Override
    public void sendPubrel(int packetId) {
        outbox.send(Packets.pubRel(packetId, ReasonCodes.SUCCESS));
    }

    @Override
    public int receiveMaximum() {
        return Math.min(clientReceiveMaximum, broker.limits().maximumInflight());
    }

    @Override
    public Will takenOver() {
        takenOver = true;
        Will w = cleanDisconnect ? null : will;
        will = null;
        LOG.debug("closing {}: session taken over by a new connection", peer());
        channel.eventLoop().execute(() -> disconnect(ReasonCodes.SESSION_TAKEN_OVER));
        return w;
    }

    /**
     * Binds this connection to a new policy (hot reload): the client's connect question is asked
     * again (a newly banned client is disconnected with 0x87 / closed), the will is re-bound, and
     * every subscription is classified again without a window for leaks ({@link PolicyReload}).
     */
    public void rebind(AccessControl next) {
        channel.eventLoop().execute(() -> {
            if (state != State.CONNECTED) {
                return;
            }
            ClientAccess fresh = next.bind(access.client());
            Decision d = fresh.connect();
            if (!d.allowed()) {
                DenialLog.denied(fresh.client(), "connect", null, d);
                // A new ban is an operator's action on a live connection: 0x98 Administrative action (MQTT 5.0 §3.14.2.1).
                disconnect(d.reason() == Reason.BANNED ? ReasonCodes.ADMINISTRATIVE_ACTION : ReasonCodes.NOT_AUTHORIZED);
                return;
            }
            access = fresh;
            Will w = will;
            if (w != null) {
                will = new Will(w.topic(), w.payload(), w.qos(), w.retain(), w.properties(), w.delaySeconds(), fresh);
            }
            PolicyReload.rebind(session, fresh, broker.subscriptions());
        });
    }

    /**
     * Ends this connection on an operator's behalf when its client matches {@code which}, e.g. its
     * password was changed or removed (MQTT 5: DISCONNECT 0x98 Administrative action; MQTT 3.1.1:
     * close). The test runs on the event loop, against the connection's current binding.
     */
    public void disconnectAdministrativelyIf(Predicate<ClientInfo> which) {
        channel.eventLoop().execute(() -> {
            if (state == State.CONNECTED && which.test(access.client())) {
                disconnect(ReasonCodes.ADMINISTRATIVE_ACTION);
            }
        });
    }

    /** Stops a connection because the broker shuts down (MQTT 5: DISCONNECT 0x8B). */
    public void shutdown() {
        channel.eventLoop().execute(() -> disconnect(ReasonCodes.SERVER_SHUTTING_DOWN));
    }

    // --- for log lines ---------------------------------------------------------------------

    String peer() {
        SocketAddress remote = channel == null ? null : channel.remoteAddress();
        String address = remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : String.valueOf(remote);
        return access == null ? address : "client \"" + access.client().clientId() + "\" (" + address + ")";
    }
}
