package io.topicguard.broker.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Passes the bytes of binary frames (and their continuations) on to the MQTT decoder, which reads
 * them as one stream, so a packet split across frames or several packets in one frame decode as
 * on TCP (MQTT-6.0.0-2). Any other data frame closes the connection (MQTT-6.0.0-1). Ping, pong
 * and close frames never get here: Netty's protocol handler answers them.
 */
final class BinaryFrameReader extends MessageToMessageDecoder<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(BinaryFrameReader.class);

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
            out.add(frame.content().retain());
            return;
        }
        LOG.debug("closing {}: MQTT over WebSocket is carried in binary frames, got {}", ctx.channel().remoteAddress(),
                frame.getClass().getSimpleName());
        ctx.close();
    }
}
