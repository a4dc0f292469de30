package io.topicguard.hivemq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HiveMQ CE throughput with the topicguard extension at 1 and 100,000 rules against HiveMQ CE
 * with an allow-all extension, the same clients each time: four publishers (QoS 0, as fast as
 * Paho sends) and one subscriber to {@code bench/#}, counted at the subscriber. Rounds are
 * interleaved (allow-all, 1 rule, 100,000 rules, again), each on a fresh HiveMQ; the median of
 * the rounds is printed. Not a unit test (surefire runs only {@code *Test} classes by default);
 * run it on an otherwise idle machine. {@code jmh/run-benchmarks.sh} runs it through Maven, on this
 * module's own classpath (HiveMQ needs Netty 4.1), and renders the JSON it writes:
 * <pre>
 * mvn -q -pl hivemq-extension -am test -Dtest=HiveMqThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtopicguard.hivemq.out=RUN/hivemq.json [-Dtopicguard.hivemq.seconds=10] [-Dtopicguard.hivemq.rounds=2] \
 *     [-Dtopicguard.hivemq.rules=100000] [-Dtopicguard.hivemq.warmup=3]
 * </pre>
 * or by hand, printing a table: {@code java -cp ... io.topicguard.hivemq.HiveMqThroughputBenchmark [seconds] [rounds]}.
 * The 100,000 rules all apply to the benchmark's client ({@code allow all to ...}) and sit before
 * its own rule, so each check walks the one trie that holds all of them.
 */
final class HiveMqThroughputBenchmark {

    private static final int PUBLISHERS = 4;
    /** The system property naming the JSON file to write; without it the {@link #run()} entry point is skipped. */
    static final String OUT = "topicguard.hivemq.out";

    /** One configuration's throughput: {@code rules} 0 for the allow-all baseline. */
    record Row(String configuration, int rules, List<Double> rounds, double median) {
    }

    /** What {@link #measure} was asked to do, written beside the figures. */
    record Settings(int seconds, int warmupSeconds, int rounds, int publishers, int largeRules) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Row> rows = measure(new Settings(seconds, 3, rounds, PUBLISHERS, 100_000));
        double baseline = rows.get(0).median();
        System.out.printf("%-28s %14s %10s%n", "configuration", "msg/s", "÷ allow-all");
        rows.forEach(row -> System.out.printf("%-28s %,14.0f %9.2f×   rounds: %s%n", row.configuration(), row.median(),
                row.median() / baseline, row.rounds().stream().map(v -> String.format("%,.0f", v)).toList()));
    }

    /** The entry point of {@code jmh/run-benchmarks.sh}: measures with the settings of the system properties, writes {@value #OUT}. */
    @Test
    @EnabledIfSystemProperty(named = OUT, matches = ".+")
    void run() throws Exception {
        Settings settings = new Settings(Integer.getInteger("topicguard.hivemq.seconds", 10), Integer.getInteger("topicguard.hivemq.warmup", 3),
                Integer.getInteger("topicguard.hivemq.rounds", 2), PUBLISHERS, Integer.getInteger("topicguard.hivemq.rules", 100_000));
        List<Row> rows = measure(settings);
        Path out = Path.of(System.getProperty(OUT));
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), Map.of("settings", settings, "results", rows));
        System.out.println("wrote " + out);
    }

    /** Interleaved rounds of allow-all, topicguard at 1 rule and at {@code largeRules}; one row each, allow-all first. */
    static List<Row> measure(Settings settings) throws Exception {
        Map<String, List<Double>> results = new LinkedHashMap<>();
        String large = String.format("topicguard, %,d rules", settings.largeRules());
        for (int round = 0; round < settings.rounds(); round++) {
            record("allow-all", results, run(EmbeddedTopicguard.folder("unused: true\n"), new AllowAll(), settings));
            record("topicguard, 1 rule", results, run(topicguard(1), null, settings));
            record(large, results, run(topicguard(settings.largeRules()), null, settings));
        }
        return List.of(row("allow-all", 0, results), row("topicguard, 1 rule", 1, results), row(large, settings.largeRules(), results));
    }

    private static Row row(String name, int rules, Map<String, List<Double>> results) {
        return new Row(name, rules, results.get(name), median(results.get(name)));
    }

    private static void record(String name, Map<String, List<Double>> results, double value) {
        results.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        System.out.printf("  %s: %,.0f msg/s%n", name, value);
    }

    private static Path topicguard(int rules) throws Exception {
        StringBuilder policy = new StringBuilder("default deny\nanonymous deny\n");
        for (int i = 1; i < rules; i++) {
            policy.append("allow all to publish, subscribe \"tenant/").append(i).append("/+/data\"\n");
        }
        policy.append("allow all to publish, subscribe \"bench/#\"\n");
        return EmbeddedTopicguard.folder("""
                policy: policy.acl
                authentication:
                  - trust-username: true
                """, "policy.acl", policy.toString());
    }

    /** Messages per second the subscriber received while the publishers ran for {@code seconds} (after a warm-up). */
    private static double run(Path dir, ExtensionMain extension, Settings settings) throws Exception {
        try (EmbeddedTopicguard hivemq = extension == null ? EmbeddedTopicguard.start(dir) : EmbeddedTopicguard.start(dir, extension)) {
            AtomicLong received = new AtomicLong();
            MqttClient subscriber = client(hivemq.port(), "bench-sub");
            subscriber.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    received.incrementAndGet();
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            subscriber.subscribe("bench/#", 0);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                MqttClient publisher = client(hivemq.port(), "bench-pub-" + p);
                String prefix = "bench/p" + p + "/t";
                Thread t = new Thread(() -> {
                    byte[] payload = new byte[64];
                    for (long n = 0; running.get(); n++) {
                        try {
                            publisher.publish(prefix + (n & 15), payload, 0, false);
                        } catch (Exception e) {
                            return;
                        }
                    }
                }, "bench-publisher-" + p);
                t.start();
                publishers.add(t);
            }
            Thread.sleep(settings.warmupSeconds() * 1000L);
            long start = received.get();
            long startNanos = System.nanoTime();
            Thread.sleep(settings.seconds() * 1000L);
            double rate = (received.get() - start) / ((System.nanoTime() - startNanos) / 1e9);
            running.set(false);
            for (Thread t : publishers) {
                t.join();
            }
            subscriber.disconnectForcibly(1000);
            return rate;
        }
    }

    private static MqttClient client(int port, String clientId) throws Exception {
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName("bench");
        o.setPassword("bench".toCharArray());
        o.setMaxInflight(1000);
        c.connect(o);
        return c;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The baseline: admits every client and asks nothing more, as HiveMQ's allow-all extension does. */
    static final class AllowAll implements ExtensionMain {
        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            SimpleAuthenticator allow = (authInput, authOutput) -> authOutput.authenticateSuccessfully();
            Services.securityRegistry().setAuthenticatorProvider(providerInput -> allow);
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        }
    }
}
