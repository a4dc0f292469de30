package io.topicguard.jmh.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out (issue 20 item 7): one publisher, {@code --subscribers} clients subscribed to
 * {@link FanoutPolicy#FILTER}, half of them PARTIAL through the policy; QoS 0, 16-byte payloads. The
 * publisher keeps at most {@code --window} messages not yet delivered to every subscriber, so the
 * rate is what the broker sustains. Counts deliveries that arrive in the measured window.
 *
 * <p>Run: {@code java -cp jmh/target/benchmarks.jar io.topicguard.jmh.load.FanoutScenario
 * --subscribers 1000 --out bench-results/RUN/broker-fanout.json}.
 */
public final class FanoutScenario implements LoadClient.Listener {

    private static final int PAYLOAD_BYTES = 16;
    private static final long STALL_SECONDS = 10;

    private final int subscribers;
    private final int window;
    private final AtomicLong delivered = new AtomicLong();
    private final List<String> lost = new ArrayList<>();
    private LoadClient publisher;
    private volatile long published;
    private volatile boolean stopped;

    private FanoutScenario(int subscribers, int window) {
        this.subscribers = subscribers;
        this.window = window;
    }

    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("brokers", "topicguard,mosquitto");
        d.put("subscribers", "1000");
        d.put("window", "20");
        d.put("warmup", "3");
        d.put("seconds", "5");
        d.put("rounds", "1");
        d.put("topicguard-heap", "2g");
        d.put("work-dir", "");
        d.put("out", "");
        return d;
    }

    public static void main(String[] args) throws Exception {
        ScenarioOptions options = ScenarioOptions.parseOrExit("FanoutScenario", defaults(), args);
        List<FanoutResult> results = run(options);
        options.write(Map.of("topicguard-jvm", Brokers.topicguardJvmFlags(options.get("topicguard-heap"))), results);
        System.exit(results.stream().anyMatch(r -> r.note() != null) ? 1 : 0);
    }

    static List<FanoutResult> run(ScenarioOptions options) throws IOException, InterruptedException {
        Path workDir = options.workDir("topicguard-fanout");
        Optional<Path> mosquitto = Brokers.findMosquitto();
        Path passwords = Files.writeString(workDir.resolve("fanout.passwd"), FanoutPolicy.passwords());
        List<FanoutResult> results = new ArrayList<>();
        for (int round = 1; round <= options.integer("rounds"); round++) {
            for (String name : options.list("brokers")) {
                if (name.equals("mosquitto") && mosquitto.isEmpty()) {
                    continue;
                }
                try (BrokerProcess broker = name.equals("mosquitto")
                        ? Brokers.mosquittoWith(mosquitto.get(), workDir, "fanout", List.of("allow_anonymous false",
                                "password_file " + passwords, "acl_file " + Files.writeString(workDir.resolve("fanout.mosquitto-acl"),
                                        FanoutPolicy.mosquitto()), "persistence false"), BrokerProcess.freePort())
                        : Brokers.topicguardServe(workDir, options.get("topicguard-heap"), List.of("--policy",
                                Files.writeString(workDir.resolve("fanout.acl"), FanoutPolicy.topicguard()).toString(),
                                "--passwd", passwords.toString()))) {
                    FanoutResult r = new FanoutScenario(options.integer("subscribers"), options.integer("window"))
                            .measure(broker, options.decimal("warmup"), options.decimal("seconds"), round);
                    System.out.printf(Locale.ROOT, "%-10s %5d subscribers (%d partial): %,.0f deliveries/s; CPU %s%% broker"
                                    + " (%s us a delivery), %s%% clients (%s us), %s%% steal  %s%n", r.broker(), r.subscribers(),
                            r.partial(), r.deliveriesPerSecond(), r.cpu().brokerPercent(), r.microsPerDelivery(r.cpu().brokerPercent()),
                            r.cpu().clientsPercent(), r.microsPerDelivery(r.cpu().clientsPercent()), r.cpu().stealPercent(),
                            r.note() == null ? "" : r.note());
                    results.add(r);
                }
            }
        }
        return results;
    }

    private FanoutResult measure(BrokerProcess broker, double warmup, double seconds, int round) throws InterruptedException {
        NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("fanout-clients", true));
        int partial = subscribers / 2;
        List<Fleet.Outcome> outcomes = List.of();
        LoadClient pub = null;
        String note = null;
        long measuredDeliveries = 0;
        long measuredPublishes = 0;
        CpuUsage cpu = CpuUsage.UNMEASURED;
        try {
            outcomes = Fleet.connect(group, broker.port(), subscribers, 500, i -> new Fleet.Credentials("fan-sub-" + i,
                    i < partial ? FanoutPolicy.PARTIAL : FanoutPolicy.FULL, FanoutPolicy.PASSWORD, true), this);
            int subscribed = 0;
            for (Fleet.Outcome o : outcomes) {
                if (o.admitted() && o.client().subscribe(FanoutPolicy.FILTER, 0).get(30, TimeUnit.SECONDS) != 0x80) {
                    subscribed++;
                }
            }
            if (subscribed < subscribers) {
                return new FanoutResult(broker.name(), subscribers, partial, 0, 0, 0, 0, (subscribers - subscribed)
                        + " subscribers not connected or their subscription to " + FanoutPolicy.FILTER + " refused", round);
            }
            pub = LoadClient.connect(group, broker.port(), "fan-publisher", FanoutPolicy.PUBLISHER, FanoutPolicy.PASSWORD, this)
                    .get(30, TimeUnit.SECONDS);
            publisher = pub;
            group.next().execute(this::refill);
            long start = System.nanoTime();
            long measureStart = start + (long) (warmup * 1e9);
            long measureEnd = measureStart + (long) (seconds * 1e9);
            note = waitUntil(measureStart);
            long deliveredAtStart = delivered.get();
            long publishedAtStart = published;
            CpuMeter.Reading cpuAtStart = CpuMeter.read(broker);
            if (note == null) {
                note = waitUntil(measureEnd);
            }
            measuredDeliveries = delivered.get() - deliveredAtStart;
            measuredPublishes = published - publishedAtStart;
            cpu = CpuMeter.between(cpuAtStart, CpuMeter.read(broker));
        } catch (Exception e) {
            note = "MQTT error: " + e;
        } finally {
            stopped = true;
            List<Fleet.Outcome> all = new ArrayList<>(outcomes);
            if (pub != null) {
                all.add(new Fleet.Outcome(pub, null));
            }
            Fleet.close(all);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(30_000);
        }
        if (note == null && !lost.isEmpty()) {
            note = lost.size() + " connections lost: " + lost.get(0);
        }
        return new FanoutResult(broker.name(), subscribers, partial, seconds, measuredPublishes, measuredDeliveries,
                Math.round(measuredDeliveries / seconds), note, round, cpu);
    }

    /** Waits until {@code deadline}; a note when nothing was delivered for a stall's time. */
    private String waitUntil(long deadline) {
        long lastCount = delivered.get();
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            long now = delivered.get();
            if (now != lastCount) {
                lastCount = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                return "stalled: nothing delivered for " + STALL_SECONDS + " s";
            }
        }
        return null;
    }

    /** Publishes while fewer than {@code window} messages' worth of deliveries are outstanding. On the event loop. */
    private void refill() {
        while (!stopped && published * subscribers - delivered.get() < (long) window * subscribers) {
            ByteBuf payload = publisher.channel().alloc().buffer(PAYLOAD_BYTES).writeZero(PAYLOAD_BYTES);
            publisher.publish(FanoutPolicy.topic(published), payload, 0, 0);
            published++;
        }
        publisher.flush();
    }

    @Override
    public void published(LoadClient client, MqttPublishMessage message) {
        delivered.incrementAndGet();
    }

    @Override
    public void acknowledged(LoadClient client, int packetId) {
    }

    @Override
    public void lost(LoadClient client, Throwable cause) {
        synchronized (lost) {
            lost.add(client.clientId() + ": " + cause.getMessage());
        }
    }

    @Override
    public void readComplete(LoadClient client) {
        if (publisher != null && !stopped) {
            refill();
        }
    }
}
