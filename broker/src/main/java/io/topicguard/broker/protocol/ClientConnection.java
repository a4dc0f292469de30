package io.topicguard.broker.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.log.LimitEvents;
import io.topicguard.auth.log.LogText;
import io.topicguard.broker.session.OutboundMessage;
import io.topicguard.broker.session.Session;
import io.topicguard.broker.session.SessionOutput;
import io.topicguard.broker.session.Will;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything MQTT keeps per network connection, in one place: where the connection is in its life
 * (waiting for CONNECT, authenticating, connected, closed), the protocol version, the client's
 * binding to the policy, its session, will, limits and topic aliases, and the ways to end it.
 * {@link ConnectFlow}, {@link PublishFlow} and {@link SubscribeFlow} each hold one and act on it.
 *
 * <p>Everything here runs on the channel's event loop, except the {@link SessionOutput} calls,
 * which may come from any thread and only write (and {@link #takenOver()}, which hands its work to
 * the event loop).
 */
final class ClientConnection implements SessionOutput {

    enum State { AWAIT_CONNECT, AUTHENTICATING, CONNECTED, CLOSED }

    final BrokerContext broker;
    final Channel channel;
    final Outbox outbox;
    /** The QoS 1/2 PUBLISHes of an MQTT 5 client not yet finished, bounded by the server's Receive Maximum. */
    final InboundQuota inbound;

    State state = State.AWAIT_CONNECT;
    MqttVersion version = MqttVersion.MQTT_3_1_1;

    // Set once CONNECT is accepted (accepted(...)); the binding and the will again on a reload (rebound(...)).
    ClientAccess access;
    Session session;
    private volatile Will will;
    private int clientReceiveMaximum = 0xFFFF;
    long clientMaximumPacketSize; // 0: the client set no limit
    /** {@link OutboundTopicAliases} rewrites this connection's PUBLISHes, so none can be a shared, encoded one. */
    boolean sendsTopicAliases;
    long connectExpirySeconds;
    /** Client-to-server topic aliases (MQTT 5.0 §3.3.2.3.4); server-to-client ones are {@link OutboundTopicAliases}'. */
    final Map<Integer, String> topicAliases = new HashMap<>();

    private volatile boolean cleanDisconnect;
    private volatile boolean takenOver;

    ClientConnection(BrokerContext broker, Channel channel) {
        this.broker = broker;
        this.channel = channel;
        this.outbox = new Outbox(channel);
        this.inbound = new InboundQuota(broker.limits().receiveMaximum());
    }

    boolean v5() {
        return version == MqttVersion.MQTT_5;
    }

    /** CONNECT was accepted for {@code access}: the limits it asked for and its will hold from now on. */
    void accepted(ClientAccess access, int receiveMaximum, long maximumPacketSize, long sessionExpirySeconds, Will will) {
        this.access = access;
        this.clientReceiveMaximum = receiveMaximum;
        this.clientMaximumPacketSize = maximumPacketSize;
        this.connectExpirySeconds = sessionExpirySeconds;
        this.will = will;
    }

    /** A reload bound the client again: answers and the will come from {@code fresh} from now on. */
    void rebound(ClientAccess fresh) {
        access = fresh;
        Will w = will;
        if (w != null) {
            will = w.boundTo(fresh);
        }
    }

    /** The client ended the connection with DISCONNECT; reason 0x04 asks for the will anyway (MQTT-3.14.4-3). */
    void disconnectedByClient(boolean sendWill) {
        cleanDisconnect = !sendWill;
        state = State.CLOSED;
        channel.close();
    }

    /** The will to publish now that the connection closed, or null: none, a clean DISCONNECT, a takeover, or shutdown. */
    Will willOnClose() {
        return cleanDisconnect || broker.shuttingDown() ? null : will;
    }

    /** Whether a new connection took this one's session (it then publishes nothing on close: the takeover did). */
    boolean wasTakenOver() {
        return takenOver;
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
        MqttConnectionHandler.LOG.debug("closing {}: protocol error: {}", peer(), what);
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
        MqttConnectionHandler.LOG.debug("closing {}: session taken over by a new connection", peer());
        channel.eventLoop().execute(() -> disconnect(ReasonCodes.SESSION_TAKEN_OVER));
        return w;
    }

    // --- for log lines ---------------------------------------------------------------------

    String peer() {
        String address = remoteAddress();
        return access == null ? address : "client " + LogText.quote(access.client().clientId()) + " (" + address + ")";
    }

    private String remoteAddress() {
        SocketAddress remote = channel.remoteAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : String.valueOf(remote);
    }

    /** This connection's client ran into {@code limit}: counted, and logged rate-limited. */
    void limitReached(LimitEvents.Limit limit, String detail) {
        SocketAddress remote = channel.remoteAddress();
        broker.limitEvents().reached(limit, access == null ? remoteAddress() : access.client().clientId(),
                remote instanceof InetSocketAddress inet ? inet.getAddress() : null, detail);
    }

    /**
     * Whether a denial this connection caused may be logged now: denial lines are rate-limited
     * per connection and per source address ({@link LogThrottle}), so that a client repeating a
     * denied request cannot flood the log.
     */
    boolean mayLogDenial() {
        SocketAddress remote = channel.remoteAddress();
        return broker.denials().allow(remoteAddress(), remote instanceof InetSocketAddress inet ? inet.getAddress() : null);
    }
}
