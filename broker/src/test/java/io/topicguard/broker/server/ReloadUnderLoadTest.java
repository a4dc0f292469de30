package io.topicguard.broker.server;

import io.topicguard.broker.testing.OperatedBroker;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 110 clients (100 publishers, 10 subscribers) while the policy is swapped back and forth:
 * zero deliveries the policy in force at delivery time denies, zero lost QoS 1 messages on
 * topics that stay allowed.
 *
 * <p>Every subscriber holds {@code data/#} (PARTIAL under both policies: checked per delivery)
 * and {@code stable/#} (ALLOW under A, PARTIAL under B: it changes class at every swap).
 * {@code data/secret/...} is denied under both; {@code data/toggle/...} only under B. A toggle
 * message published after B was fully in force (every connection re-bound) and received before
 * A was loaded again was necessarily delivered under B: there must be none.
 */
class ReloadUnderLoadTest {

    private static final int PUBLISHERS = 100;
    private static final int SUBSCRIBERS = 10;
    private static final int SWAPS = 8;
    /** Stable messages published (and acknowledged) in each phase before the next swap. */
    private static final int PER_PHASE = 300;

    private static final String A = """
            anonymous allow
            allow all to publish any
            deny all to subscribe "data/secret/#"
            allow all to subscribe "data/#", "stable/#"
            """;
    private static final String B = """
            anonymous allow
            allow all to publish any
            deny all to subscribe "data/secret/#", "data/toggle/#", "stable/never/#"
            allow all to subscribe "data/#", "stable/#"
            """;

    @TempDir
    Path dir;

    /** A window [from, to] of System.nanoTime() in which policy B governed every connection. */
    private record Window(long from, long to) {
    }

    private record Delivery(String topic, long publishedAt, long receivedAt) {
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void swapsUnderLoadNeverLeakAndNeverLoseAllowedQos1Messages() throws Exception {
        Path policy = dir.resolve("policy.acl");
        Files.writeString(policy, A);
        List<MqttClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        try (OperatedBroker ob = OperatedBroker.start(policy)) {
            String uri = "tcp://127.0.0.1:" + ob.port();
            ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
            List<Set<String>> stableSeen = new ArrayList<>();
            for (int s = 0; s < SUBSCRIBERS; s++) {
                Set<String> seen = ConcurrentHashMap.newKeySet();
                stableSeen.add(seen);
                MqttClient sub = new MqttClient(uri, "sub-" + s, new MemoryPersistence());
                sub.setCallback(new MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                        long now = System.nanoTime();
                        String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
                        if (topic.startsWith("stable/")) {
                            seen.add(topic + "#" + payload.substring(payload.indexOf(' ') + 1));
                        }
                        deliveries.add(new Delivery(topic, Long.parseLong(payload.substring(0, payload.indexOf(' '))), now));
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                    }
                });
                clients.add(sub);
            }
            List<MqttClient> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                MqttClient pub = new MqttClient(uri, "pub-" + p, new MemoryPersistence());
                publishers.add(pub);
                clients.add(pub);
            }
            // Paho's CONNECT round trip is slow one by one (client-side Nagle); connect them all at once.
            List<Future<?>> connecting = new ArrayList<>();
            for (MqttClient c : clients) {
                connecting.add(pool.submit(() -> {
                    c.connect(options());
                    if (c.getClientId().startsWith("sub-")) {
                        c.subscribe(new String[] {"data/#", "stable/#"}, new int[] {1, 1});
                    }
                    return null;
                }));
            }
            for (Future<?> f : connecting) {
                f.get(30, TimeUnit.SECONDS);
            }

            CountDownLatch done = new CountDownLatch(PUBLISHERS);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger failures = new AtomicInteger();
            Set<String> stableSent = ConcurrentHashMap.newKeySet();
            for (int p = 0; p < PUBLISHERS; p++) {
                MqttClient pub = publishers.get(p);
                int id = p;
                pool.execute(() -> {
                    try {
                        for (int round = 0; !stop.get(); round++) {
                            publish(pub, "stable/" + id, round); // returns once PUBACK arrived: the broker has routed it
                            stableSent.add("stable/" + id + "#" + round);
                            publish(pub, "data/toggle/" + id, round);
                            publish(pub, "data/secret/" + id, round);
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    } finally {
                        done.countDown();
                    }
                });
            }

            List<Window> bWindows = new ArrayList<>();
            for (int swap = 0; swap < SWAPS; swap += 2) {
                long t0 = System.nanoTime();
                Files.writeString(policy, B);
                ob.broker.reload();
                long t1 = System.nanoTime();
                long from = System.nanoTime();
                awaitMorePublished(stableSent);
                long to = System.nanoTime();
                Files.writeString(policy, A);
                ob.broker.reload();
                bWindows.add(new Window(from, to));
                awaitMorePublished(stableSent);
            }
            stop.set(true);
            assertThat(done.await(20, TimeUnit.SECONDS)).as("publishers stopped").isTrue();
            assertThat(failures.get()).as("publishers that failed").isZero();

            // Every stable message reaches every subscriber (QoS 1, always allowed).
            await().atMost(Duration.ofSeconds(20)).until(() -> stableSeen.stream().allMatch(s -> s.containsAll(stableSent)));

            assertThat(deliveries).as("data/secret is denied under both policies")
                    .noneMatch(d -> d.topic().startsWith("data/secret/"));
            List<Delivery> leaked = deliveries.stream().filter(d -> d.topic().startsWith("data/toggle/"))
                    .filter(d -> bWindows.stream().anyMatch(w -> d.publishedAt() >= w.from() && d.receivedAt() <= w.to()))
                    .toList();
            assertThat(leaked).as("toggle messages delivered while B (which denies them) was in force").isEmpty();
            assertThat(deliveries).as("toggle messages flow while A is in force").anyMatch(d -> d.topic().startsWith("data/toggle/"));
        } finally {
            pool.shutdownNow();
            for (MqttClient c : clients) {
                try {
                    c.disconnectForcibly(0, 1_000);
                    c.close(true);
                } catch (Exception ignored) {
                    // the broker is gone already
                }
            }
        }
    }

    /** Lets the publishers get a good number of messages through under the policy now in force. */
    private static void awaitMorePublished(Set<String> stableSent) {
        int mark = stableSent.size();
        await().atMost(Duration.ofSeconds(20)).until(() -> stableSent.size() >= mark + PER_PHASE);
    }

    private static MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setMaxInflight(100);
        return o;
    }

    private static void publish(MqttClient pub, String topic, int seq) throws Exception {
        MqttMessage m = new MqttMessage((System.nanoTime() + " " + seq).getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        pub.publish(topic, m);
    }
}

