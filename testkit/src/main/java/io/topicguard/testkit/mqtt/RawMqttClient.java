package io.topicguard.testkit.mqtt;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A deliberately low-level MQTT client for tests that must control every packet (no automatic
 * acknowledgements) or send bytes no real client would. Uses Netty's codec, never hand-built
 * packets, except where a test sends raw bytes on purpose.
 */
public final class RawMqttClient implements AutoCloseable {

    private static final EventLoopGroup GROUP = new NioEventLoopGroup(1, r -> {
        Thread t = new Thread(r, "raw-mqtt-client");
        t.setDaemon(true);
        return t;
    });

    private final Channel channel;
    private final BlockingQueue<MqttMessage> received;
    private final CountDownLatch closed = new CountDownLatch(1);

    private RawMqttClient(Channel channel, BlockingQueue<MqttMessage> received) {
        this.channel = channel;
        this.received = received;
        channel.closeFuture().addListener(f -> closed.countDown());
    }

    /** Opens a TCP connection to 127.0.0.1:{@code port}. */
    public static RawMqttClient connect(int port) throws InterruptedException {
        BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
        Channel ch = new Bootstrap().group(GROUP).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
                c.pipeline().addLast(new MqttDecoder(16 * 1024 * 1024), MqttEncoder.INSTANCE, new SimpleChannelInboundHandler<MqttMessage>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, MqttMessage msg) {
                        received.add(ReferenceCountUtil.retain(msg));
                    }
                });
            }
        }).connect("127.0.0.1", port).sync().channel();
        return new RawMqttClient(ch, received);
    }

    public void send(MqttMessage message) {
        channel.writeAndFlush(message).syncUninterruptibly();
    }

    /** Sends raw bytes past the encoder. */
    public void sendBytes(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        channel.pipeline().firstContext().writeAndFlush(buf).syncUninterruptibly();
    }

    public void connectV5(String clientId, boolean cleanStart, long sessionExpiry) {
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), (int) sessionExpiry));
        send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId(clientId).cleanSession(cleanStart)
                .keepAlive(60).properties(props).build());
    }

    public void connectV3(String clientId, boolean cleanSession, int keepAlive) {
        send(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(clientId).cleanSession(cleanSession)
                .keepAlive(keepAlive).build());
    }

    public void subscribe(int packetId, String filter, MqttQoS qos) {
        send(MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(qos, filter).build());
    }

    /** The next packet, or an assertion failure after {@code timeout}. */
    public MqttMessage next(Duration timeout) throws InterruptedException {
        MqttMessage m = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no packet from the broker within " + timeout);
        }
        return m;
    }

    /** The next packet of {@code type}, skipping others. */
    public MqttMessage next(MqttMessageType type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            MqttMessage m = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no " + type + " from the broker within " + timeout);
            }
            if (m.fixedHeader() != null && m.fixedHeader().messageType() == type) {
                return m;
            }
        }
    }

    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
