package io.topicguard.broker.protocol;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * The outboxes an event loop delivered to on other loops since it last handed them over. The
 * hand-over is a task on this loop, so it runs after the loop has processed the reads it was woken
 * for: everything the publishers on this loop sent in that time reaches each other loop as one
 * task, whatever the number of messages.
 *
 * <p>One per event-loop thread, created when the loop gets its first MQTT connection. A thread
 * that has none (an admin request, a password check's executor) hands each outbox over at once.
 */
final class DeliveryBatch {

    private static final FastThreadLocal<DeliveryBatch> CURRENT = new FastThreadLocal<>();

    private final EventExecutor home;
    private final Map<EventExecutor, List<Outbox>> pending = new IdentityHashMap<>();
    private final Runnable handOverTask = this::handOver;
    private boolean handOverScheduled;

    private DeliveryBatch(EventExecutor home) {
        this.home = home;
    }

    /** On {@code loop}'s thread: lets deliveries made on this thread be batched. */
    static void bind(EventExecutor loop) {
        if (!CURRENT.isSet()) {
            CURRENT.set(new DeliveryBatch(loop));
        }
    }

    /** Any thread: sees that {@code outbox} is drained on its own loop soon. */
    static void schedule(Outbox outbox) {
        EventExecutor target = outbox.channel().eventLoop();
        DeliveryBatch batch = CURRENT.isSet() ? CURRENT.get() : null;
        if (batch == null || !batch.home.inEventLoop()) {
            handOver(target, outbox::drain);
            return;
        }
        batch.pending.computeIfAbsent(target, k -> new ArrayList<>()).add(outbox);
        if (!batch.handOverScheduled) {
            batch.handOverScheduled = true;
            batch.home.execute(batch.handOverTask);
        }
    }

    private void handOver() {
        handOverScheduled = false;
        for (Map.Entry<EventExecutor, List<Outbox>> e : pending.entrySet()) {
            List<Outbox> outboxes = List.copyOf(e.getValue());
            e.getValue().clear();
            if (!outboxes.isEmpty()) {
                handOver(e.getKey(), () -> outboxes.forEach(Outbox::drain));
            }
        }
    }

    private static void handOver(EventExecutor target, Runnable drain) {
        try {
            target.execute(drain);
        } catch (RejectedExecutionException e) {
            // The target loop is shutting down with the broker: its connections are closing and
            // what they were sent is lost, as a write to a closed channel would be.
            MqttConnectionHandler.LOG.debug("not delivering to a closed event loop", e);
        }
    }
}
