package io.topicguard.broker.protocol;

import io.netty.channel.Channel;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The acknowledgements (PUBACK, PUBREC, PUBCOMP) of one connection that wait for the store's
 * commit, written on the connection's event loop in the order they were asked for.
 *
 * <p>Why not one {@code writeAndFlush} task per acknowledgement: a commit releases hundreds of
 * them at once, and one task, one wake-up and one socket write each cost the event loop more
 * than the message did. Here the committing thread only queues the write; the first one queued
 * schedules a drain, which writes everything queued and flushes once (as {@link Outbox} does for
 * deliveries).
 */
final class CommittedAcks {

    private final Channel channel;
    private final Queue<Runnable> writes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final Runnable drainTask = this::drain;

    CommittedAcks(Channel channel) {
        this.channel = channel;
    }

    /**
     * Any thread: runs {@code write} on the event loop behind the writes already queued. It must
     * only {@code write}, never flush: the drain flushes once for all.
     */
    void add(Runnable write) {
        writes.add(write);
        if (channel.eventLoop().inEventLoop()) {
            drain();
        } else if (drainPending.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drainTask);
            } catch (RejectedExecutionException e) {
                // The loop is shutting down with the broker: the connection is closing, and an
                // acknowledgement it never got is resent by the client, as after a crash.
                MqttConnectionHandler.LOG.debug("not acknowledging on a closed event loop", e);
            }
        }
    }

    private void drain() {
        // Cleared before polling: a write queued after this line is either polled below or
        // schedules a drain of its own; it cannot be left behind.
        drainPending.set(false);
        boolean wrote = false;
        for (Runnable w; (w = writes.poll()) != null; ) {
            w.run();
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }
}
