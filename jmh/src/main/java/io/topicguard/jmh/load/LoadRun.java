package io.topicguard.jmh.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of publisher/subscriber pairs ({@link LoadClient}, MQTT 3.1.1) against one broker at one
 * QoS. Each message carries its send time ({@link System#nanoTime()}, the clients share this JVM),
 * so the subscriber measures publish-to-delivery latency; a pair keeps at most {@code window}
 * messages in flight end to end, so throughput is what the broker sustains, not what it buffers.
 *
 * <p>The loop is closed on the clients' one event loop thread: a pair publishes its window, and
 * then one message for each of its messages delivered (and, at QoS 1, only while fewer than twice
 * the window of its publishes await their PUBACK). Writes made while handling a batch of reads are
 * flushed together at its end. The calling thread only starts, watches and ends the run.
 */
final class LoadRun {

    private static final int PAYLOAD_BYTES = 64;
    private static final long TIMEOUT_MS = 10_000;
    /**
     * A run in which the broker delivers and acknowledges nothing, to any pair, for this long is
     * stalled: the broker dropped or denied the traffic. Progress of any pair counts, because a
     * broker that scans 100,000 pattern rules per check delivers tens of messages a second, and
     * with every pair's window queued in it one pair may wait seconds for its next message: that
     * broker is slow, and comes out as a low msg/s, not as a stall.
     */
    private static final long STALL_SECONDS = 5;
    /**
     * At most this long for what was sent to arrive once the publishers stop, however steadily it
     * trickles in, so that a run stays bounded; a drain cut short is noted, since msg/s undercounts.
     */
    private static final long DRAIN_LIMIT_SECONDS = 60;

    private final BrokerUnderTest broker;
    private final LoadPolicy policy;
    private final int qos;
    private final LoadSettings settings;
    private final List<Pair> pairs = new ArrayList<>();
    private final AtomicLong budget;
    private final AtomicReference<String> problem = new AtomicReference<>();
    private final NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("load-clients", true));
    private final EventLoop loop = group.next();
    private volatile long measureStart;
    private volatile long measureEnd;
    /** Set when the run ends early (a stall, a lost connection): publishers stop at once. */
    private volatile boolean stopped;
    /** Where the CPU went in the measured window; unknown for a run that ended before it did. */
    private CpuUsage cpu = CpuUsage.UNMEASURED;
    private final AtomicLong lastSend = new AtomicLong();
    /** When the broker last delivered a message or acknowledged a publish, to any pair. */
    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());

    /** Subscribers keep a persistent session (clean session 0), so a broker with a store persists their messages. */
    private final boolean persistentSessions;

    private LoadRun(BrokerUnderTest broker, LoadPolicy policy, int qos, LoadSettings settings, boolean persistentSessions) {
        this.persistentSessions = persistentSessions;
        this.broker = broker;
        this.policy = policy;
        this.qos = qos;
        this.settings = settings;
        this.budget = new AtomicLong(settings.maxMessages());
    }

    /** Connects, drives, measures and disconnects; a broker that refuses the load comes back as a note. */
    static LoadResult run(BrokerUnderTest broker, LoadPolicy policy, int qos, LoadSettings settings)
            throws InterruptedException {
        return run(broker, policy, qos, settings, false);
    }

    /** As above; with {@code persistentSessions} the subscribers connect with clean session 0 (the persistence step). */
    static LoadResult run(BrokerUnderTest broker, LoadPolicy policy, int qos, LoadSettings settings,
                          boolean persistentSessions) throws InterruptedException {
        LoadRun run = new LoadRun(broker, policy, qos, settings, persistentSessions);
        try {
            run.connect();
            run.drive();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            run.problem.compareAndSet(null, "MQTT error: " + (cause.getMessage() == null ? cause.toString()
                    : cause.getMessage()));
        } finally {
            run.disconnect();
        }
        return run.result();
    }

    private void connect() throws ExecutionException, TimeoutException, InterruptedException {
        for (int i = 0; i < settings.pairs(); i++) {
            Pair pair = new Pair(i);
            pairs.add(pair);
            pair.subscriber = open("load-sub-" + i, pair, !persistentSessions);
            int granted = pair.subscriber.subscribe(pair.topic, qos).get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (granted == 0x80) {
                // MQTT-3.9.3: 0x80 in a SUBACK is a refusal.
                throw new ExecutionException(new IllegalStateException(broker.name() + " refused the subscription to "
                        + pair.topic + "; does its policy allow user " + LoadPolicy.USERNAME + "?"));
            }
            pair.publisher = open("load-pub-" + i, pair, true);
        }
    }

    private LoadClient open(String clientId, Pair pair, boolean cleanSession)
            throws ExecutionException, TimeoutException, InterruptedException {
        return LoadClient.connect(group, null, broker.port(), clientId, LoadPolicy.USERNAME, LoadPolicy.PASSWORD, cleanSession,
                        pair)
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** At most this many QoS 1 publishes of a pair await their PUBACK (a PUBACK may trail its delivery). */
    private int maxUnacknowledged() {
        return settings.window() * 2;
    }

    private void drive() throws InterruptedException {
        long now = System.nanoTime();
        lastProgress.set(now);
        measureStart = now + settings.warmup().toNanos();
        measureEnd = measureStart + settings.measure().toNanos();
        loop.execute(() -> pairs.forEach(pair -> {
            pair.refill();
            pair.publisher.flush();
        }));
        watchUntil(measureStart);
        CpuMeter.Reading start = CpuMeter.read(broker);
        watchUntil(measureEnd);
        cpu = CpuMeter.between(start, CpuMeter.read(broker));
        // Let what was sent arrive: every pair gets its whole window back, or nothing arrives for a
        // stall's time (the rest was lost), or the drain limit passes.
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_LIMIT_SECONDS);
        while (inFlight() > 0 && !stalled() && !stopped && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        long left = inFlight();
        if (left > 0 && !stopped) {
            problem.compareAndSet(null, stalled() ? stallNote() : "drain cut off after " + DRAIN_LIMIT_SECONDS + " s with "
                    + left + " messages still in flight: msg/s undercounts");
        }
    }

    /** Waits until {@code deadline} (a {@link System#nanoTime()}) or the run stops, stopping it on a stall. */
    private void watchUntil(long deadline) {
        while (System.nanoTime() < deadline && !stopped) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            if (stalled()) {
                problem.compareAndSet(null, stallNote());
                stopped = true;
            }
        }
    }

    private String stallNote() {
        Pair stuck = pairs.stream().max(Comparator.comparingInt(p -> p.inFlight)).orElseThrow();
        return "publisher " + stuck.index + " stalled: " + stuck.inFlight + " messages on " + stuck.topic
                + " not delivered, and nothing delivered or acknowledged to any pair for " + STALL_SECONDS
                + " s (dropped or denied by " + broker.name() + ")";
    }

    private long inFlight() {
        return pairs.stream().mapToLong(p -> p.inFlight).sum();
    }

    /** True when the broker has delivered and acknowledged nothing, to any pair, for a stall's time. */
    private boolean stalled() {
        return System.nanoTime() - lastProgress.get() >= TimeUnit.SECONDS.toNanos(STALL_SECONDS);
    }

    private void disconnect() {
        stopped = true;
        for (Pair pair : pairs) {
            for (LoadClient client : new LoadClient[] {pair.publisher, pair.subscriber}) {
                if (client != null) {
                    client.disconnect(200);
                }
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(TIMEOUT_MS);
    }

    private LoadResult result() {
        long[] sorted = LatencyRecorder.merged(pairs.stream().map(p -> p.latencies).toList());
        long end = Math.min(measureEnd, Math.max(lastSend.get(), measureStart + 1));
        double seconds = (end - measureStart) / 1e9;
        double perSecond = sorted.length / seconds;
        String note = problem.get();
        if (note == null && sorted.length == 0) {
            note = "nothing sent in the measured window was delivered (is --max-messages used up by the warmup?)";
        }
        return new LoadResult(broker.name(), policy.kind().label(), policy.rules(), qos, settings.pairs(), round(seconds),
                sorted.length, round(perSecond), micros(LatencyRecorder.percentile(sorted, 50)),
                micros(LatencyRecorder.percentile(sorted, 99)), note, 1, cpu, 1);
    }

    private static double micros(long nanos) {
        return nanos < 0 ? -1 : round(nanos / 1_000.0);
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    /**
     * A publisher, its subscriber, and the window and latencies between them. Its counters change
     * only on the event loop; {@link #inFlight} is volatile so the calling thread can watch it.
     */
    private final class Pair implements LoadClient.Listener {
        final int index;
        final String topic;
        final LatencyRecorder latencies = new LatencyRecorder();
        LoadClient publisher;
        LoadClient subscriber;
        /** Published, not yet delivered. */
        volatile int inFlight;
        /** QoS 1 publishes not yet acknowledged. */
        private int unacknowledged;
        private int nextPacketId;

        Pair(int index) {
            this.index = index;
            this.topic = LoadPolicy.topic(index);
        }

        /** Publishes while the window and the PUBACK limit allow, the run lasts and the budget holds. */
        void refill() {
            while (!stopped && inFlight < settings.window() && (qos == 0 || unacknowledged < maxUnacknowledged())) {
                long sent = System.nanoTime();
                if (sent >= measureEnd || budget.getAndDecrement() <= 0) {
                    return;
                }
                ByteBuf payload = publisher.channel().alloc().buffer(PAYLOAD_BYTES);
                payload.writeLong(sent).writeZero(PAYLOAD_BYTES - Long.BYTES);
                nextPacketId = nextPacketId == 0xFFFF ? 1 : nextPacketId + 1;
                publisher.publish(topic, payload, qos, nextPacketId);
                inFlight++;
                if (qos == 1) {
                    unacknowledged++;
                }
                lastSend.accumulateAndGet(sent, Math::max);
            }
        }

        @Override
        public void published(LoadClient client, MqttPublishMessage message) {
            long arrived = System.nanoTime();
            lastProgress.set(arrived);
            long sent = message.content().getLong(message.content().readerIndex());
            if (message.fixedHeader().qosLevel().value() > 0) {
                client.acknowledge(message.variableHeader().packetId());
            }
            inFlight--;
            if (sent >= measureStart && sent < measureEnd) {
                latencies.record(arrived - sent);
            }
            refill();
        }

        @Override
        public void acknowledged(LoadClient client, int packetId) {
            lastProgress.set(System.nanoTime());
            unacknowledged--;
            refill();
        }

        @Override
        public void lost(LoadClient client, Throwable cause) {
            problem.compareAndSet(null, "connection of " + client.clientId() + " lost: " + cause.getMessage());
            stopped = true;
        }

        @Override
        public void readComplete(LoadClient client) {
            // While the pair connects, its publisher may not exist yet.
            for (LoadClient each : new LoadClient[] {subscriber, publisher}) {
                if (each != null) {
                    each.flush();
                }
            }
        }
    }
}
