package io.topicguard.broker.session;

import io.netty.buffer.ByteBuf;

/**
 * The PUBLISH packets of one publication, encoded once and shared by the deliveries made while the
 * router delivers it: a QoS 0 PUBLISH without per-subscriber properties is the same bytes for every
 * subscriber of one protocol version, so a fan-out to a thousand subscribers encodes it once and
 * hands each a retained duplicate instead of building, encoding and copying it a thousand times.
 *
 * <p>Which packet a variant number stands for is the connection's business (protocol version and
 * RETAIN flag); this only keeps them. Owned by the thread that routes the publication and used only
 * by it, until {@link #close()}: a delivery made later or elsewhere (a message queued and sent on
 * another thread) finds nothing here and encodes its own packet.
 */
public final class SharedFrames {

    /** How many variants one publication may have (MQTT 3.1.1 and 5, RETAIN 0 and 1). */
    public static final int VARIANTS = 4;

    /** References taken at once when a packet's run out: one atomic update per this many deliveries. */
    private static final int REFERENCES_AT_ONCE = 64;

    private final Thread owner = Thread.currentThread();
    private final ByteBuf[] frames = new ByteBuf[VARIANTS];
    /**
     * References to each packet taken and not yet handed out. Taken in bulk because the count is
     * one cache line that the subscribers' event loops write as they release what they wrote: one
     * update per delivery from this thread too would move it back and forth for each of them.
     */
    private final int[] spare = new int[VARIANTS];
    private boolean closed;

    /** A retained duplicate of the packet for {@code variant}, or null when there is none to share here and now. */
    public ByteBuf retainedFrame(int variant) {
        ByteBuf frame = usable() ? frames[variant] : null;
        return frame == null ? null : duplicate(variant);
    }

    /**
     * Keeps {@code frame} (this holder takes its reference) as the packet for {@code variant} and
     * returns a retained duplicate of it; when it cannot be shared, returns {@code frame} itself.
     */
    public ByteBuf share(int variant, ByteBuf frame) {
        if (!usable() || frames[variant] != null) {
            return frame;
        }
        frames[variant] = frame;
        return duplicate(variant);
    }

    /**
     * A duplicate of the packet that releases one reference to it when it is released. Not
     * {@code retainedDuplicate()}: a pooled duplicate comes from the routing thread's recycler and
     * goes back to it from the subscriber's event loop, a cross-thread hand-off per delivery that
     * costs more than a small object the young generation collects.
     */
    private ByteBuf duplicate(int variant) {
        ByteBuf frame = frames[variant];
        if (spare[variant] == 0) {
            frame.retain(REFERENCES_AT_ONCE);
            spare[variant] = REFERENCES_AT_ONCE;
        }
        spare[variant]--;
        return frame.duplicate();
    }

    /** The publication is delivered: releases the packets (each delivery holds its own reference until written). */
    public void close() {
        closed = true;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i] != null) {
                frames[i].release(spare[i] + 1); // what was not handed out, and the holder's own
                frames[i] = null;
                spare[i] = 0;
            }
        }
    }

    private boolean usable() {
        return !closed && Thread.currentThread() == owner;
    }
}
