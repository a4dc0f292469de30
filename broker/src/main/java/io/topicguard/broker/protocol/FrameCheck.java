package io.topicguard.broker.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Looks at each packet's bytes before Netty's MQTT decoder and passes them on whole, checking two
 * things that decoder cannot:
 * <ul>
 *   <li>a packet must arrive whole within a bounded time after its first byte: a client that
 *       sends half a packet and stops (with keep-alive 0 nothing else would notice) is closed;</li>
 *   <li>an MQTT 5 property other than User Property appears at most once (MQTT 5.0 §2.2.2.2:
 *       a duplicate is a Protocol Error). Netty's decoder keeps the last one silently.</li>
 * </ul>
 * A packet larger than the broker's maximum is not held: the bytes go through and the decoder
 * refuses them. Runs on the channel's event loop.
 */
final class FrameCheck extends ByteToMessageDecoder {

    /** A property that appeared twice: answered as a Protocol Error ({@link BadInput}). */
    static final class DuplicateProperty extends DecoderException {
        DuplicateProperty(int id) {
            super("property 0x" + Integer.toHexString(id) + " appears more than once");
        }
    }

    private static final int CONNECT = 1;
    private static final int PUBLISH = 3;
    private static final int USER_PROPERTY = 0x26;

    private final int maximumPacketSize;
    private final long incompleteMillis;
    private boolean v5;
    private boolean passThrough;
    private boolean failed;
    private ScheduledFuture<?> incomplete;

    FrameCheck(int maximumPacketSize, Duration incompletePacketTimeout) {
        this.maximumPacketSize = maximumPacketSize;
        this.incompleteMillis = incompletePacketTimeout.toMillis();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable() && !passThrough) {
            int start = in.readerIndex();
            long remaining = 0;
            int headerLength = 0;
            for (int i = 1; i <= 4; i++) { // the Remaining Length: a variable byte integer of at most 4 bytes
                if (in.readableBytes() <= i) {
                    waitForRest(ctx);
                    return;
                }
                int b = in.getUnsignedByte(start + i);
                remaining |= (long) (b & 0x7F) << (7 * (i - 1));
                if ((b & 0x80) == 0) {
                    headerLength = i + 1;
                    break;
                }
            }
            long length = headerLength + remaining;
            if (headerLength == 0 || length > maximumPacketSize) {
                passThrough = true; // malformed or too large: Netty's decoder refuses it
                break;
            }
            if (in.readableBytes() < length) {
                waitForRest(ctx);
                return;
            }
            int type = in.getUnsignedByte(start) >> 4;
            int duplicate = duplicateProperty(in, type, in.getUnsignedByte(start), start + headerLength, (int) (start + length));
            if (duplicate >= 0) {
                failed = true;
                in.skipBytes(in.readableBytes());
                out.add(new MqttMessage(null, null, null, DecoderResult.failure(new DuplicateProperty(duplicate))));
                cancelWait();
                return;
            }
            out.add(in.readRetainedSlice((int) length));
        }
        cancelWait();
        if (passThrough && in.isReadable()) {
            out.add(in.readRetainedSlice(in.readableBytes()));
        }
    }

    private void waitForRest(ChannelHandlerContext ctx) {
        if (incomplete == null) {
            incomplete = ctx.executor().schedule(() -> {
                MqttConnectionHandler.LOG.debug("closing {}: a packet not completed within {} ms", ctx.channel().remoteAddress(),
                        incompleteMillis);
                ctx.close();
            }, incompleteMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelWait() {
        if (incomplete != null) {
            incomplete.cancel(false);
            incomplete = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelWait();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelWait();
        super.channelInactive(ctx);
    }

    /** The id of a property that appears twice in the packet at {@code [from, end)}, or -1 (also when unsure: the decoder judges). */
    private int duplicateProperty(ByteBuf in, int type, int flags, int from, int end) {
        Reader r = new Reader(in, from, end);
        if (type == CONNECT) {
            r.skipString();                          // protocol name
            int level = r.u8();
            int connectFlags = r.u8();
            r.skip(2);                               // keep alive
            v5 = level == 5;
            if (!v5 || r.broken) {
                return -1;
            }
            int d = r.properties();
            if (d >= 0 || (connectFlags & 0x04) == 0) {
                return d;
            }
            r.skipString();                          // client identifier
            return r.properties();                   // will properties
        }
        if (!v5) {
            return -1;
        }
        int length = end - from;
        return switch (type) {
            case PUBLISH -> {
                r.skipString();
                if (((flags >> 1) & 3) > 0) {
                    r.skip(2);
                }
                yield r.properties();
            }
            case 4, 5, 6, 7 -> { // PUBACK, PUBREC, PUBREL, PUBCOMP: id, then reason and properties if present
                if (length <= 3) {
                    yield -1;
                }
                r.skip(3);
                yield r.properties();
            }
            case 8, 10 -> { // SUBSCRIBE, UNSUBSCRIBE
                r.skip(2);
                yield r.properties();
            }
            case 14, 15 -> { // DISCONNECT, AUTH
                if (length <= 1) {
                    yield -1;
                }
                r.skip(1);
                yield r.properties();
            }
            default -> -1;
        };
    }

    /** Reads within one packet; any read past its end marks it broken, and then nothing is judged. */
    private static final class Reader {
        private final ByteBuf in;
        private final int end;
        private int at;
        boolean broken;

        Reader(ByteBuf in, int from, int end) {
            this.in = in;
            this.at = from;
            this.end = end;
        }

        void skip(int n) {
            at += n;
            broken |= at > end;
        }

        int u8() {
            if (at >= end) {
                broken = true;
                return 0;
            }
            return in.getUnsignedByte(at++);
        }

        void skipString() {
            int hi = u8();
            int lo = u8();
            skip((hi << 8) | lo);
        }

        long varInt() {
            long v = 0;
            for (int i = 0; i < 4; i++) {
                int b = u8();
                v |= (long) (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            broken = true;
            return 0;
        }

        /** Reads a property list; returns the id of the first property seen twice, or -1. */
        int properties() {
            long length = varInt();
            long stop = at + length;
            if (broken || stop > end) {
                return -1;
            }
            long seen0 = 0;
            long seen1 = 0;
            while (at < stop && !broken) {
                int id = (int) varInt();
                if (id != USER_PROPERTY && id < 128) {
                    long bit = 1L << (id & 63);
                    if (id < 64 ? (seen0 & bit) != 0 : (seen1 & bit) != 0) {
                        return id;
                    }
                    if (id < 64) {
                        seen0 |= bit;
                    } else {
                        seen1 |= bit;
                    }
                }
                if (!skipValue(id)) {
                    return -1; // an unknown property: the decoder says what is wrong
                }
            }
            return -1;
        }

        private boolean skipValue(int id) {
            switch (id) {
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> skip(1);
                case 0x13, 0x21, 0x22, 0x23 -> skip(2);
                case 0x02, 0x11, 0x18, 0x27 -> skip(4);
                case 0x0B -> varInt();
                case 0x03, 0x08, 0x09, 0x12, 0x15, 0x16, 0x1A, 0x1C, 0x1F -> skipString();
                case USER_PROPERTY -> {
                    skipString();
                    skipString();
                }
                default -> {
                    return false;
                }
            }
            return true;
        }
    }
}
