package io.topicguard.broker.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Lets through only an opening request a WebSocket MQTT listener should upgrade: the configured
 * path, a WebSocket upgrade, and a subprotocol the broker speaks. Netty's own handshake would
 * upgrade a client offering only unknown subprotocols (it just omits the header), and hand a
 * request for another path to the MQTT decoder; here each is answered with an HTTP error and the
 * connection closed. Removes itself once the request passed, so the upgraded connection never
 * meets it again.
 */
final class UpgradeGate extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeGate.class);

    private final String path;
    private final List<String> subprotocols;

    UpgradeGate(String path, List<String> subprotocols) {
        this.path = path;
        this.subprotocols = subprotocols;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            // A failed aggregation (too long) or anything else before the upgrade: not a client we serve.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        Refusal refusal = refusal(request);
        if (refusal != null) {
            LOG.debug("refusing WebSocket upgrade from {}: {}", ctx.channel().remoteAddress(), refusal.reason());
            ReferenceCountUtil.release(request);
            refuse(ctx, refusal);
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(request);
    }

    /** The HTTP answer to a request that is not upgraded, and why. */
    private record Refusal(HttpResponseStatus status, String reason) {
        static Refusal badRequest(String reason) {
            return new Refusal(HttpResponseStatus.BAD_REQUEST, reason);
        }
    }

    /** Why {@code request} is not upgraded, or null when it is. */
    private Refusal refusal(FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return Refusal.badRequest("malformed HTTP request");
        }
        String requested = new QueryStringDecoder(request.uri()).path();
        if (!requested.equals(path)) {
            return new Refusal(HttpResponseStatus.NOT_FOUND, "no MQTT over WebSocket at " + requested + " (the path is " + path + ")");
        }
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return Refusal.badRequest("not a WebSocket upgrade request");
        }
        String offered = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        // MQTT-6.0.0-3: the client offers "mqtt" among its subprotocols; old clients say "mqttv3.1".
        boolean speaksMqtt = offered != null
                && Arrays.stream(offered.split(",")).map(String::trim).anyMatch(subprotocols::contains);
        if (!speaksMqtt) {
            return Refusal.badRequest("the WebSocket subprotocol must be one of " + String.join(", ", subprotocols)
                    + (offered == null ? " (none offered)" : ", offered: " + offered));
        }
        return null;
    }

    private static void refuse(ChannelHandlerContext ctx, Refusal refusal) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal.status(),
                Unpooled.copiedBuffer(refusal.reason() + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
