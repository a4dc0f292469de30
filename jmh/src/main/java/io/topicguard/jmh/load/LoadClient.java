package io.topicguard.jmh.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT 3.1.1 client of the load generator, on Netty's MQTT codec. Every client of a run shares
 * one event loop thread, and writes are flushed once per batch of reads rather than once per
 * packet: the generator must cost the machine far less than the broker it measures. (Paho mqttv3,
 * used before, reads each packet in several system calls and hands every message between three
 * threads of its own; on 2 cores it took more CPU than topicguard and held throughput to what its
 * threads could hand over.) It speaks only what the load needs: CONNECT with a username and
 * password, one SUBSCRIBE, PUBLISH at QoS 0 or 1 both ways, PUBACK, PINGREQ and DISCONNECT.
 */
final class LoadClient {

    /** What the run hears from a client; always called on the client's event loop. */
    interface Listener {
        /** A PUBLISH arrived; the message is released after this returns. */
        void published(LoadClient client, MqttPublishMessage message);

        /** The broker acknowledged the QoS 1 PUBLISH with this packet identifier. */
        void acknowledged(LoadClient client, int packetId);

        /** The connection closed while the run was not closing it. */
        void lost(LoadClient client, Throwable cause);

        /** A batch of reads ended: the moment to flush what the batch wrote. */
        void readComplete(LoadClient client);
    }

    private static final int KEEP_ALIVE_SECONDS = 60;

    private final String clientId;
    private final Listener listener;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private CompletableFuture<Integer> subscribed;
    private Channel channel;
    /**
     * When the socket was asked to connect, when the CONNECT was handed to it and when its CONNACK
     * was read ({@link System#nanoTime()}); 0 until then.
     */
    private volatile long connectAsked;
    private volatile long connectSent;
    private volatile long connackRead;
    /** The CONNACK's return code when the broker refused the CONNECT, else -1. */
    private volatile int refusal = -1;
    private volatile boolean closing;
    private boolean dirty;

    private LoadClient(String clientId, Listener listener) {
        this.clientId = clientId;
        this.listener = listener;
    }

    String clientId() {
        return clientId;
    }

    /** Opens a connection to 127.0.0.1:{@code port} and completes when the broker accepted the CONNECT. */
    static CompletableFuture<LoadClient> connect(EventLoopGroup group, int port, String clientId, String username,
                                                 String password, Listener listener) {
        return connect(group, null, port, clientId, username, password, true, listener);
    }

    /**
     * As above, from the local address {@code from} (null: the system picks; any 127.x.y.z works on
     * Linux's loopback, which lets a test fleet come from many addresses), with or without a clean
     * session, and anonymously when {@code username} is null.
     */
    static CompletableFuture<LoadClient> connect(EventLoopGroup group, InetAddress from, int port, String clientId,
                                                 String username, String password, boolean cleanSession,
                                                 Listener listener) {
        LoadClient client = open(group, from, port, clientId, username, password, cleanSession, listener);
        return client.connected.thenApply(v -> client);
    }

    /** As {@link #connect}, returning the client at once; {@link #connected()} says how its CONNECT went. */
    static LoadClient open(EventLoopGroup group, InetAddress from, int port, String clientId, String username,
                           String password, boolean cleanSession, Listener listener) {
        LoadClient client = new LoadClient(clientId, listener);
        client.connectAsked = System.nanoTime();
        InetSocketAddress local = from == null ? null : new InetSocketAddress(from, 0);
        ChannelFuture opened = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, client.new Handler());
                    }
                })
                .connect(new InetSocketAddress("127.0.0.1", port), local);
        opened.addListener(f -> {
            if (!f.isSuccess()) {
                client.connected.completeExceptionally(f.cause());
                return;
            }
            client.channel = opened.channel();
            MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect().clientId(clientId)
                    .cleanSession(cleanSession).keepAlive(KEEP_ALIVE_SECONDS).protocolVersion(MqttVersion.MQTT_3_1_1);
            if (username != null) {
                connect.username(username);
            }
            if (password != null) {
                connect.password(password.getBytes(StandardCharsets.UTF_8));
            }
            client.connectSent = System.nanoTime();
            client.channel.writeAndFlush(connect.build());
            // The subscriber of a QoS 0 run sends nothing of its own: ping, so no broker takes it for dead.
            ScheduledFuture<?> pings = client.channel.eventLoop().scheduleAtFixedRate(() -> client.channel.writeAndFlush(
                    new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false, MqttQoS.AT_MOST_ONCE, false, 0))),
                    KEEP_ALIVE_SECONDS / 2, KEEP_ALIVE_SECONDS / 2, TimeUnit.SECONDS);
            client.channel.closeFuture().addListener(closed -> pings.cancel(false));
        });
        return client;
    }

    /** Completes when the broker accepted the CONNECT; fails when it refused it or the connection failed. */
    CompletableFuture<Void> connected() {
        return connected;
    }

    /** Subscribes to one filter; completes with the granted QoS, or 0x80 when the broker refused it. */
    CompletableFuture<Integer> subscribe(String filter, int qos) {
        subscribed = new CompletableFuture<>();
        channel.writeAndFlush(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.valueOf(qos), filter)
                .build());
        return subscribed;
    }

    /** Writes a PUBLISH; sent at the next {@link #flush()}. Call on the event loop. */
    void publish(String topic, ByteBuf payload, int qos, int packetId) {
        publishRetained(topic, payload, qos, packetId, false);
    }

    /** As {@link #publish}, with the RETAIN flag as given. */
    void publishRetained(String topic, ByteBuf payload, int qos, int packetId, boolean retain) {
        // Built by hand: MqttMessageBuilders.publish() copies the payload and leaves the original unreleased.
        channel.write(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), retain, 0),
                new MqttPublishVariableHeader(topic, qos == 0 ? -1 : packetId), payload), channel.voidPromise());
        dirty = true;
    }

    /** Writes a PUBACK for a received QoS 1 PUBLISH; sent at the next {@link #flush()}. */
    void acknowledge(int packetId) {
        channel.write(new MqttPubAckMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(packetId)), channel.voidPromise());
        dirty = true;
    }

    /** Sends what was written since the last flush, if anything. Call on the event loop. */
    void flush() {
        if (dirty) {
            dirty = false;
            channel.flush();
        }
    }

    Channel channel() {
        return channel;
    }

    /** Nanoseconds from writing the CONNECT to reading its CONNACK, or -1 before both happened. */
    long connackNanos() {
        return connackRead == 0 || connectSent == 0 ? -1 : connackRead - connectSent;
    }

    /**
     * Nanoseconds from asking for the TCP connection to reading the CONNACK, or -1 before both
     * happened: unlike {@link #connackNanos()}, this counts a handshake that waited for the
     * broker's accept queue (or was dropped by a full one and retried by TCP a second later).
     */
    long connackSinceOpenNanos() {
        return connackRead == 0 ? -1 : connackRead - connectAsked;
    }

    long connectAskedAt() {
        return connectAsked;
    }

    long connectSentAt() {
        return connectSent;
    }

    long connackReadAt() {
        return connackRead;
    }

    /** The CONNACK return code of a refused CONNECT, or -1 when it was not refused by a CONNACK. */
    int refusal() {
        return refusal;
    }

    /** Sends DISCONNECT and closes without waiting; the future completes once the connection is closed. */
    ChannelFuture disconnectLater() {
        closing = true;
        if (!channel.isOpen()) {
            return channel.closeFuture();
        }
        channel.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE,
                false, 0))).addListener(f -> channel.close());
        return channel.closeFuture();
    }

    /** Sends DISCONNECT and closes; waits at most {@code millis} for the close. */
    void disconnect(long millis) {
        closing = true;
        if (channel == null || !channel.isOpen()) {
            return;
        }
        channel.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE,
                false, 0))).addListener(f -> channel.close());
        channel.closeFuture().awaitUninterruptibly(millis);
        channel.close();
    }

    private final class Handler extends SimpleChannelInboundHandler<MqttMessage> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage message) {
            if (message.decoderResult().isFailure()) {
                fail(ctx, new IllegalStateException("undecodable packet from the broker: " + message.decoderResult().cause()));
                return;
            }
            switch (message.fixedHeader().messageType()) {
                case PUBLISH -> listener.published(LoadClient.this, (MqttPublishMessage) message);
                case PUBACK -> listener.acknowledged(LoadClient.this,
                        ((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
                case CONNACK -> {
                    connackRead = System.nanoTime();
                    MqttConnectReturnCode code = ((MqttConnAckMessage) message).variableHeader().connectReturnCode();
                    if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                        refusal = code.byteValue() & 0xFF;
                    }
                    if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                        connected.complete(null);
                    } else {
                        fail(ctx, new IllegalStateException("CONNECT of " + clientId + " refused: " + code));
                    }
                }
                case SUBACK -> {
                    if (subscribed != null) {
                        subscribed.complete(((MqttSubAckMessage) message).payload().grantedQoSLevels().get(0));
                    }
                }
                default -> {
                    // PINGRESP, and nothing else a broker sends to these clients, needs an answer.
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            listener.readComplete(LoadClient.this);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IllegalStateException closed = new IllegalStateException("connection of " + clientId + " closed by the broker");
            connected.completeExceptionally(closed);
            if (subscribed != null) {
                subscribed.completeExceptionally(closed);
            }
            if (!closing) {
                listener.lost(LoadClient.this, closed);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause);
        }

        private void fail(ChannelHandlerContext ctx, Throwable cause) {
            connected.completeExceptionally(cause);
            if (subscribed != null) {
                subscribed.completeExceptionally(cause);
            }
            if (!closing) {
                listener.lost(LoadClient.this, cause);
            }
            closing = true;
            ctx.close();
        }
    }
}
