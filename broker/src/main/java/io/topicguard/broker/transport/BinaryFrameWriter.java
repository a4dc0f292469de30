package io.topicguard.broker.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;

import java.util.List;

/** Sends each encoded MQTT packet as one binary WebSocket frame (MQTT-6.0.0-1). Stateless. */
@ChannelHandler.Sharable
final class BinaryFrameWriter extends MessageToMessageEncoder<ByteBuf> {

    static final BinaryFrameWriter INSTANCE = new BinaryFrameWriter();

    private BinaryFrameWriter() {
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        out.add(new BinaryWebSocketFrame(bytes.retain()));
    }
}
