package io.topicguard.broker.transport;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.util.List;

/**
 * MQTT over WebSocket (MQTT 5.0 §6, MQTT 3.1.1 §6): the handlers that turn a WebSocket listener's
 * connection into the byte stream the MQTT decoder reads. Installed after TLS (for {@code wss})
 * and before the MQTT codec; the rest of the pipeline does not know it is behind WebSocket.
 *
 * <pre>{@code
 * WebSocketTransport.install(channel.pipeline(), "/mqtt", limits.maximumPacketSize());
 * channel.pipeline().addLast("decoder", new MqttDecoder(...));   // then as on a TCP listener
 * }</pre>
 *
 * The opening HTTP request must ask to upgrade at the configured path and offer the {@code mqtt}
 * (or, for old clients, {@code mqttv3.1}) subprotocol (MQTT-6.0.0-3); anything else is answered
 * with an HTTP error and closed ({@link UpgradeGate}). After the upgrade, binary frames carry
 * MQTT's bytes in both directions, and packets may span frames or share one (MQTT-6.0.0-2).
 */
public final class WebSocketTransport {

    /** The subprotocols a client may ask for, in the order preferred when it offers several. */
    public static final List<String> SUBPROTOCOLS = List.of("mqtt", "mqttv3.1");

    /** The opening request is headers only; a client that sends a body with it is not an MQTT client. */
    private static final int MAX_UPGRADE_REQUEST_BYTES = 8 * 1024;

    private WebSocketTransport() {
    }

    /**
     * Appends the WebSocket handlers to {@code pipeline}.
     *
     * @param path              the HTTP path clients upgrade at, e.g. {@code /mqtt}
     * @param maxFrameBytes     the largest frame payload accepted: a larger one closes the connection (1009)
     */
    public static void install(ChannelPipeline pipeline, String path, int maxFrameBytes) {
        pipeline.addLast("http-codec", new HttpServerCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES));
        pipeline.addLast("ws-gate", new UpgradeGate(path, SUBPROTOCOLS));
        // The gate already checked the path exactly (query string aside), so Netty's prefix check
        // only has to let "/mqtt?..." through.
        pipeline.addLast("ws-protocol", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .checkStartsWith(true)
                .subprotocols(String.join(",", SUBPROTOCOLS))
                .maxFramePayloadLength(maxFrameBytes)
                .allowExtensions(false)
                .build()));
        pipeline.addLast("ws-frames-in", new BinaryFrameReader());
        pipeline.addLast("ws-frames-out", BinaryFrameWriter.INSTANCE);
    }
}
