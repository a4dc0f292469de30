package io.topicguard.hivemq;

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
 * the rounds is printed. Not a unit test; run it on an otherwise idle machine:
 * <pre>
 * mvn -o -q -pl hivemq-extension -am test-compile
 * nice -n 19 java -cp ... io.topicguard.hivemq.HiveMqThroughputBenchmark [seconds] [rounds]
 * </pre>
 * The 100,000 rules all apply to the benchmark's client ({@code allow all to ...}) and sit before
 * its own rule, so each check walks the one trie that holds all of them.
 */
final class HiveMqThroughputBenchmark {

    private static final int PUBLISHERS = 4;
    private static final int WARMUP_SECONDS = 3;

    private HiveMqThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            record("allow-all", results, run(EmbeddedTopicguard.folder("unused: true\n"), new AllowAll(), seconds));
            record("topicguard, 1 rule", results, run(topicguard(1), null, seconds));
            record("topicguard, 100,000 rules", results, run(topicguard(100_000), null, seconds));
        }
        double baseline = median(results.get("allow-all"));
        System.out.printf("%-28s %14s %10s%n", "configuration", "msg/s", "÷ allow-all");
        results.forEach((name, values) -> System.out.printf("%-28s %,14.0f %9.2f×   rounds: %s%n",
                name, median(values), median(values) / baseline, values.stream().map(v -> String.format("%,.0f", v)).toList()));
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
    private static double run(Path dir, ExtensionMain extension, int seconds) throws Exception {
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
            Thread.sleep(WARMUP_SECONDS * 1000L);
            long start = received.get();
            long startNanos = System.nanoTime();
            Thread.sleep(seconds * 1000L);
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
