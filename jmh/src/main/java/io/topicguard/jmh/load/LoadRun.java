package io.topicguard.jmh.load;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of publisher/subscriber pairs (Paho mqttv3, MQTT 3.1.1) against one broker at one QoS.
 * Each message carries its send time ({@link System#nanoTime()}, the clients share this JVM), so
 * the subscriber measures publish-to-delivery latency; a pair keeps at most {@code window}
 * messages in flight end to end, so throughput is what the broker sustains, not what it buffers.
 */
final class LoadRun {

    private static final int PAYLOAD_BYTES = 64;
    private static final long TIMEOUT_MS = 10_000;
    /**
     * A pair whose window stays empty this long while the broker delivers and acknowledges nothing
     * to anyone is stalled: the broker dropped or denied its traffic. Progress of any pair counts,
     * because a broker that scans 100,000 pattern rules per check delivers tens of messages a
     * second, and with every pair's window queued in it one pair may wait seconds for its next
     * message: that broker is slow, and comes out as a low msg/s, not as a stall.
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
    private volatile long measureStart;
    private volatile long measureEnd;
    private final AtomicLong lastSend = new AtomicLong();
    /** When the broker last delivered a message or completed a publish, to any pair. */
    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());

    private LoadRun(BrokerUnderTest broker, LoadPolicy policy, int qos, LoadSettings settings) {
        this.broker = broker;
        this.policy = policy;
        this.qos = qos;
        this.settings = settings;
        this.budget = new AtomicLong(settings.maxMessages());
    }

    /** Connects, drives, measures and disconnects; a broker that refuses the load comes back as a note. */
    static LoadResult run(BrokerUnderTest broker, LoadPolicy policy, int qos, LoadSettings settings)
            throws InterruptedException {
        LoadRun run = new LoadRun(broker, policy, qos, settings);
        try {
            run.connect();
            run.drive();
        } catch (MqttException e) {
            run.problem.compareAndSet(null, "MQTT error " + e.getReasonCode() + ": " + e.getMessage());
        } finally {
            run.disconnect();
        }
        return run.result();
    }

    private void connect() throws MqttException {
        String uri = "tcp://127.0.0.1:" + broker.port();
        for (int i = 0; i < settings.pairs(); i++) {
            Pair pair = new Pair(i, settings.window());
            pairs.add(pair);
            pair.subscriber = new MqttAsyncClient(uri, "load-sub-" + i, new MemoryPersistence());
            pair.subscriber.setCallback(pair);
            pair.subscriber.connect(options()).waitForCompletion(TIMEOUT_MS);
            IMqttToken subscribed = pair.subscriber.subscribe(LoadPolicy.topic(i), qos);
            subscribed.waitForCompletion(TIMEOUT_MS);
            int granted = subscribed.getGrantedQos()[0];
            if (granted == 0x80) {
                // MQTT-3.9.3: 0x80 in a SUBACK is a refusal.
                throw new MqttException(new IllegalStateException(broker.name() + " refused the subscription to "
                        + LoadPolicy.topic(i) + "; does its policy allow user " + LoadPolicy.USERNAME + "?"));
            }
            pair.publisher = new MqttAsyncClient(uri, "load-pub-" + i, new MemoryPersistence());
            pair.publisher.setCallback(pair);
            pair.publisher.connect(options()).waitForCompletion(TIMEOUT_MS);
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(LoadPolicy.USERNAME);
        options.setPassword(LoadPolicy.PASSWORD.toCharArray());
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(60);
        options.setMaxInflight(maxInflight());
        return options;
    }

    /**
     * Paho's own limit on publishes not yet completed (for QoS 1: not yet PUBACKed). A PUBACK may
     * arrive after its message was delivered, so the end-to-end window alone does not bound it;
     * each pair also holds a permit of {@link Pair#unacknowledged} until Paho completes the publish.
     */
    private int maxInflight() {
        return settings.window() * 2;
    }

    private void drive() throws InterruptedException {
        long now = System.nanoTime();
        lastProgress.set(now);
        measureStart = now + settings.warmup().toNanos();
        measureEnd = measureStart + settings.measure().toNanos();
        List<Thread> publishers = new ArrayList<>();
        for (Pair pair : pairs) {
            Thread thread = new Thread(() -> publish(pair), "load-pub-" + pair.index);
            thread.start();
            publishers.add(thread);
        }
        for (Thread thread : publishers) {
            thread.join();
        }
        // Let what was sent arrive: every pair gets its whole window back, or nothing arrives for a
        // stall's time (the rest was lost), or the drain limit passes.
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_LIMIT_SECONDS);
        while (inFlight() > 0 && !stalled() && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        long left = inFlight();
        if (left > 0 && !stalled()) {
            problem.compareAndSet(null, "drain cut off after " + DRAIN_LIMIT_SECONDS + " s with " + left
                    + " messages still in flight: msg/s undercounts");
        }
    }

    private long inFlight() {
        return pairs.stream().mapToLong(p -> settings.window() - p.window.availablePermits()).sum();
    }

    /** True when the broker has delivered and acknowledged nothing, to any pair, for a stall's time. */
    private boolean stalled() {
        return System.nanoTime() - lastProgress.get() >= TimeUnit.SECONDS.toNanos(STALL_SECONDS);
    }

    /**
     * A permit of {@code permits}, waiting as long as the broker makes progress with any pair;
     * false when it made none for {@link #STALL_SECONDS}.
     */
    private boolean acquire(Semaphore permits) throws InterruptedException {
        while (!permits.tryAcquire(STALL_SECONDS, TimeUnit.SECONDS)) {
            if (stalled()) {
                return false;
            }
        }
        return true;
    }

    private void publish(Pair pair) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES);
        String topic = LoadPolicy.topic(pair.index);
        try {
            while (System.nanoTime() < measureEnd && budget.getAndDecrement() > 0) {
                if (!acquire(pair.window)) {
                    problem.compareAndSet(null, "publisher " + pair.index + " stalled: nothing delivered on " + topic
                            + ", and nothing to any pair for " + STALL_SECONDS + " s (dropped or denied by "
                            + broker.name() + ")");
                    return;
                }
                if (!acquire(pair.unacknowledged)) {
                    problem.compareAndSet(null, "publisher " + pair.index + " stalled: no PUBACK from " + broker.name()
                            + ", and no progress with any pair for " + STALL_SECONDS + " s");
                    return;
                }
                long sent = System.nanoTime();
                payload.putLong(0, sent);
                pair.publisher.publish(topic, payload.array().clone(), qos, false, null, pair);
                lastSend.accumulateAndGet(sent, Math::max);
            }
        } catch (MqttException e) {
            problem.compareAndSet(null, "publisher " + pair.index + ": MQTT error " + e.getReasonCode() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void disconnect() {
        for (Pair pair : pairs) {
            for (MqttAsyncClient client : new MqttAsyncClient[] {pair.publisher, pair.subscriber}) {
                if (client == null) {
                    continue;
                }
                try {
                    if (client.isConnected()) {
                        client.disconnect(200).waitForCompletion(TIMEOUT_MS);
                    }
                    client.close();
                } catch (MqttException e) {
                    // The run is over; a client that will not close cleanly changes no figure.
                }
            }
        }
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
                micros(LatencyRecorder.percentile(sorted, 99)), note);
    }

    private static double micros(long nanos) {
        return nanos < 0 ? -1 : round(nanos / 1_000.0);
    }

    private static double round(double value) {
        return Math.round(value * 10.0) / 10.0;
    }

    /** A publisher, its subscriber, and the window and latencies between them. */
    private final class Pair implements MqttCallback, IMqttActionListener {
        final int index;
        final Semaphore window;
        final Semaphore unacknowledged = new Semaphore(maxInflight() - 1);
        final LatencyRecorder latencies = new LatencyRecorder();
        MqttAsyncClient publisher;
        MqttAsyncClient subscriber;

        Pair(int index, int window) {
            this.index = index;
            this.window = new Semaphore(window);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            long arrived = System.nanoTime();
            lastProgress.set(arrived);
            long sent = ByteBuffer.wrap(message.getPayload()).getLong(0);
            window.release();
            if (sent >= measureStart && sent < measureEnd) {
                latencies.record(arrived - sent);
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            problem.compareAndSet(null, "connection of pair " + index + " lost: " + cause);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Completion is counted by the action listener below, which also hears of failures.
        }

        /** Paho completed a publish (written for QoS 0, PUBACKed for QoS 1). */
        @Override
        public void onSuccess(IMqttToken token) {
            lastProgress.set(System.nanoTime());
            unacknowledged.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
            unacknowledged.release();
            problem.compareAndSet(null, "publish of pair " + index + " failed: " + cause);
        }
    }
}
