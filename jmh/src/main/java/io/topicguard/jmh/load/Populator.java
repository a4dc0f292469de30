package io.topicguard.jmh.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Publishes {@code count} QoS 1 messages through one client, at most {@value #WINDOW}
 * unacknowledged, and completes when the broker acknowledged every one (so that a store holds them).
 */
final class Populator implements LoadClient.Listener {

    private static final int WINDOW = 1_000;

    private final long count;
    private final boolean retain;
    private final LongFunction<String> topic;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Set once connected; reads may complete (the CONNACK's) before it is. */
    private volatile LoadClient client;
    private long sent;
    private long acknowledged;

    private Populator(long count, boolean retain, LongFunction<String> topic) {
        this.count = count;
        this.retain = retain;
        this.topic = topic;
    }

    /** Publishes {@code count} messages to {@code topic.apply(i)}, retained or not; returns once all are acknowledged. */
    static void publish(EventLoopGroup group, int port, String username, String password, long count, boolean retain,
                        LongFunction<String> topic) throws Exception {
        Populator p = new Populator(count, retain, topic);
        p.client = LoadClient.connect(group, port, "populator", username, password, p).get(30, TimeUnit.SECONDS);
        p.client.channel().eventLoop().execute(p::refill);
        try {
            p.done.get(30, TimeUnit.MINUTES);
        } finally {
            p.client.disconnect(1_000);
        }
    }

    private void refill() {
        while (sent < count && sent - acknowledged < WINDOW) {
            ByteBuf payload = client.channel().alloc().buffer(64).writeLong(sent).writeZero(56);
            client.publishRetained(topic.apply(sent), payload, 1, (int) (sent % 0xFFFF) + 1, retain);
            sent++;
        }
        client.flush();
    }

    @Override
    public void published(LoadClient c, MqttPublishMessage message) {
    }

    @Override
    public void acknowledged(LoadClient c, int packetId) {
        if (++acknowledged == count) {
            done.complete(null);
        }
    }

    @Override
    public void lost(LoadClient c, Throwable cause) {
        done.completeExceptionally(cause);
    }

    @Override
    public void readComplete(LoadClient c) {
        if (client != null) {
            refill();
        }
    }
}
