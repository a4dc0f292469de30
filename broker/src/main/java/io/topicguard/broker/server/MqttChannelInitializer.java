package io.topicguard.broker.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.topicguard.broker.protocol.Connections;
import io.topicguard.broker.transport.WebSocketTransport;

/**
 * The pipeline of one listener: [TLS handlers] → [WebSocket framing] → MQTT decoder → MQTT
 * encoder → flush consolidation → the connection's handler. TCP, TLS, WebSocket and secure
 * WebSocket differ only in the handlers at the head; from the MQTT decoder on, every listener's
 * pipeline is the same.
 */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Longest client id accepted; MQTT strings cannot be longer anyway. */
    private static final int MAX_CLIENT_ID_LENGTH = 65_535;

    private final BrokerListener listener;
    private final Connections connections;

    MqttChannelInitializer(BrokerListener listener, Connections connections) {
        this.listener = listener;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (listener.tls() != null) {
            listener.tls().install(channel);
        }
        ChannelPipeline p = channel.pipeline();
        if (listener.webSocketPath() != null) {
            WebSocketTransport.install(p, listener.webSocketPath(), connections.limits().maximumPacketSize());
        }
        installMqtt(p, listener.name(), connections);
    }

    /** The handlers after TLS and WebSocket framing; the fuzz test of the inbound path builds its channel with this. */
    static void installMqtt(ChannelPipeline p, String listener, Connections connections) {
        // Strict UTF-8: ill-formed strings are malformed packets (MQTT-1.5.4-1), never replaced by U+FFFD.
        p.addLast("decoder", new MqttDecoder(connections.limits().maximumPacketSize(), MAX_CLIENT_ID_LENGTH, true));
        p.addLast("encoder", MqttEncoder.INSTANCE);
        // Every packet is written with writeAndFlush, one system call each. Flushes during a read
        // batch are held until the batch ends, and flushes from other event loops (deliveries)
        // until the tasks queued on this one have run: one write per batch, same order, same bytes.
        p.addLast("flush", new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        p.addLast("mqtt", connections.newHandler(listener));
    }
}
