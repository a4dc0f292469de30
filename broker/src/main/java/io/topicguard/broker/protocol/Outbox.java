package io.topicguard.broker.protocol;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The PUBLISH and PUBREL packets a session sends to one connection, written on the connection's
 * event loop in the order the session sent them.
 *
 * <p>Why not {@code channel.writeAndFlush} from whichever thread delivers: a publisher's event
 * loop would then hand the subscriber's loop one task (and often one wake-up) per message, which
 * under load costs the broker more than the message itself. Here a delivery from another thread
 * only queues the packet; the first one queued marks the outbox for a drain, which
 * {@link DeliveryBatch} hands over after the publisher's loop has read what it had to read, one
 * task per target loop. A delivery made on the connection's own loop drains at once, behind
 * whatever other threads queued before it, so the order the session's lock decided is the order
 * on the wire (MQTT 5.0 §4.6), whichever thread wrote.
 */
final class Outbox {

    private final Channel channel;
    private final Queue<Object> packets = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    /**
     * The promise of every write: nobody waits on a delivery's write, and a failed one (the
     * connection closed under it) is not this connection's error, so the connection stays as it
     * would after a failed {@code writeAndFlush}. One for all: no promise is made, completed and
     * dropped for each of a fan-out's deliveries.
     */
    private final ChannelPromise unobserved;

    Outbox(Channel channel) {
        this.channel = channel;
        this.unobserved = new VoidChannelPromise(channel, false);
    }

    /**
     * Any thread: queues {@code packet} (an {@code MqttMessage}, or a PUBLISH encoded already,
     * {@link SharedPublish}) behind what is already queued and sees that it gets written.
     */
    void send(Object packet) {
        if (!channel.eventLoop().inEventLoop()) {
            packets.add(packet);
            if (drainPending.compareAndSet(false, true)) {
                DeliveryBatch.schedule(this);
            }
        } else if (packets.isEmpty()) {
            // Nothing queued to go first: written straight away (half of a fan-out's deliveries on two loops).
            channel.write(packet, unobserved);
            channel.flush();
        } else {
            packets.add(packet);
            drain();
        }
    }

    Channel channel() {
        return channel;
    }

    /** On the channel's event loop only: writes everything queued, then flushes once. */
    void drain() {
        // Cleared before polling: a packet queued after this line is either polled below or
        // schedules a drain of its own; it cannot be left behind.
        drainPending.set(false);
        boolean wrote = false;
        for (Object p; (p = packets.poll()) != null; ) {
            channel.write(p, unobserved);
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }
}
