package io.topicguard.jmh.load;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Persistence (issue 19), two parts, each topicguard beside mosquitto ({@code persistence true},
 * which writes its store at shutdown and every {@code autosave_interval}, not per message):
 *
 * <ol>
 *   <li>QoS 1 throughput and latency ({@link LoadRun}, subscribers with persistent sessions, so that
 *       a store holds every queued copy) of topicguard without and with {@code --data-dir}, and of
 *       mosquitto; written to {@code --out}.
 *   <li>Restart: populate {@code --retained} retained messages and {@code --sessions} offline
 *       persistent sessions (each subscribed to {@code q/all} at QoS 1) holding {@code --queued}
 *       messages each, stop the broker (SIGTERM), start it on the same store and time until a client's
 *       CONNACK arrives and a retained message is delivered; written to {@code --restart-out}.
 * </ol>
 */
public final class PersistenceScenario {

    private PersistenceScenario() {
    }

    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("brokers", "topicguard,mosquitto");
        d.put("pairs", "4");
        d.put("window", "100");
        d.put("warmup", "3");
        d.put("seconds", "5");
        d.put("rounds", "1");
        d.put("restart-brokers", "topicguard,mosquitto");
        d.put("retained", "1000000");
        d.put("sessions", "10000");
        d.put("queued", "100");
        d.put("topicguard-heap", "4g");
        d.put("work-dir", "");
        d.put("out", "");
        d.put("restart-out", "");
        return d;
    }

    public static void main(String[] args) throws Exception {
        ScenarioOptions options = ScenarioOptions.parseOrExit("PersistenceScenario", defaults(), args);
        Path workDir = options.workDir("topicguard-persistence");
        Map<String, String> jvm = Map.of("topicguard-jvm", Brokers.topicguardJvmFlags(options.get("topicguard-heap")));
        List<PersistenceResult> throughput = throughput(options, workDir);
        options.write(jvm, throughput);
        List<RestartResult> restarts = new ArrayList<>();
        for (String broker : options.list("restart-brokers")) {
            restarts.add(restart(broker, options, workDir));
        }
        ScenarioOptions.parse(Map.of("out", ""), "--out", options.get("restart-out")).write(Map.of(
                "retained", options.get("retained"), "sessions", options.get("sessions"), "queued", options.get("queued"),
                "topicguard-jvm", jvm.get("topicguard-jvm")), restarts);
        boolean noted = Stream.concat(throughput.stream().map(r -> r.run().note()), restarts.stream().map(RestartResult::note))
                .anyMatch(n -> n != null);
        System.exit(noted ? 1 : 0);
    }

    static List<PersistenceResult> throughput(ScenarioOptions options, Path workDir) throws IOException, InterruptedException {
        LoadSettings settings = new LoadSettings(options.integer("pairs"), options.integer("window"),
                Duration.ofMillis((long) (options.decimal("warmup") * 1000)), Duration.ofMillis((long) (options.decimal("seconds") * 1000)),
                Long.MAX_VALUE);
        LoadPolicy policy = new LoadPolicy(LoadPolicy.Kind.PATTERN, 1);
        List<PersistenceResult> results = new ArrayList<>();
        for (int round = 1; round <= options.integer("rounds"); round++) {
            for (String broker : options.list("brokers")) {
                for (boolean persistent : broker.equals("mosquitto") ? new boolean[] {true} : new boolean[] {false, true}) {
                    Path store = fresh(workDir.resolve("store-" + broker));
                    String configuration = broker.equals("mosquitto") ? "mosquitto (persistence true)"
                            : persistent ? "topicguard (--data-dir)" : "topicguard (memory)";
                    LoadResult run;
                    try (BrokerProcess b = start(broker, persistent ? store : null, policy, options, workDir, BrokerProcess.freePort())) {
                        run = LoadRun.run(b, policy, 1, settings, true).as(round, 1);
                    } catch (IOException e) {
                        run = new LoadResult(broker, policy.kind().label(), 1, 1, settings.pairs(), 0, 0, 0, -1, -1,
                                "did not start: " + e.getMessage().lines().findFirst().orElse(""));
                    }
                    System.out.printf(Locale.ROOT, "%-30s QoS 1: %,10.0f msg/s, p50 %,.0f us, p99 %,.0f us  %s%n", configuration,
                            run.messagesPerSecond(), run.p50Micros(), run.p99Micros(), run.note() == null ? "" : run.note());
                    results.add(new PersistenceResult(configuration, persistent, run));
                }
            }
        }
        return results;
    }

    static RestartResult restart(String broker, ScenarioOptions options, Path workDir) throws IOException, InterruptedException {
        int retained = options.integer("retained");
        int sessions = options.integer("sessions");
        int queued = options.integer("queued");
        Path store = fresh(workDir.resolve("restart-" + broker));
        LoadPolicy policy = new LoadPolicy(LoadPolicy.Kind.PATTERN, 1);
        int port = BrokerProcess.freePort();
        NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("restart-clients", true));
        double populate;
        double stop;
        try {
            BrokerProcess b;
            try {
                b = start(broker, store, policy, options, workDir, port);
            } catch (IOException e) {
                return print(new RestartResult(broker, retained, sessions, queued, -1, -1, -1, -1,
                        "did not start: " + e.getMessage().lines().findFirst().orElse("")));
            }
            long started = System.nanoTime();
            try {
                List<String> lost = new ArrayList<>();
                List<Fleet.Outcome> clients = Fleet.connect(group, port, sessions, 500, i -> new Fleet.Credentials("sess-" + i,
                        LoadPolicy.USERNAME, LoadPolicy.PASSWORD, false), Fleet.quiet(lost));
                for (Fleet.Outcome o : clients) {
                    if (!o.admitted() || o.client().subscribe("load/q/all", 1).get(30, TimeUnit.SECONDS) == 0x80) {
                        throw new IllegalStateException("session " + o + " not made: " + o.error());
                    }
                }
                Fleet.close(clients);
                Populator.publish(group, port, LoadPolicy.USERNAME, LoadPolicy.PASSWORD, queued, false, i -> "load/q/all");
                Populator.publish(group, port, LoadPolicy.USERNAME, LoadPolicy.PASSWORD, retained, true, i -> "load/r/" + i);
            } catch (Exception e) {
                b.close();
                return print(new RestartResult(broker, retained, sessions, queued, -1, -1, -1, -1, "populating failed: " + e));
            }
            populate = seconds(started);
            long stopping = System.nanoTime();
            b.close();
            stop = seconds(stopping);
            long starting = System.nanoTime();
            try (BrokerProcess again = start(broker, store, policy, options, workDir, port)) {
                CompletableFuture<Void> delivered = new CompletableFuture<>();
                LoadClient probe = LoadClient.connect(group, port, "restart-probe", LoadPolicy.USERNAME, LoadPolicy.PASSWORD,
                        new Fleet.QuietListener() {
                            @Override
                            public void published(LoadClient client, MqttPublishMessage message) {
                                delivered.complete(null);
                            }
                        }).get(60, TimeUnit.SECONDS);
                probe.subscribe("load/r/" + (retained - 1), 0).get(60, TimeUnit.SECONDS);
                delivered.get(60, TimeUnit.SECONDS);
                double restart = seconds(starting);
                probe.disconnect(1_000);
                return print(new RestartResult(broker, retained, sessions, queued, round(populate), round(stop),
                        round(restart), size(store), null));
            } catch (Exception e) {
                // The first line says what failed, the last line of the broker's log why.
                List<String> lines = String.valueOf(e.getMessage()).lines().toList();
                String why = lines.isEmpty() ? e.toString() : lines.size() == 1 ? lines.get(0)
                        : lines.get(0) + " … " + lines.get(lines.size() - 1);
                return print(new RestartResult(broker, retained, sessions, queued, round(populate), round(stop), -1,
                        size(store), "after the restart: " + why));
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(30_000);
        }
    }

    private static BrokerProcess start(String broker, Path store, LoadPolicy policy, ScenarioOptions options, Path workDir,
                                       int port) throws IOException {
        Path passwords = Files.writeString(workDir.resolve("persistence.passwd"),
                PasswordLines.sha512Line(LoadPolicy.USERNAME, LoadPolicy.PASSWORD) + "\n");
        if (broker.equals("mosquitto")) {
            Path acl = Files.writeString(workDir.resolve("persistence.mosquitto-acl"), policy.mosquittoAcl());
            return Brokers.mosquittoWith(Brokers.findMosquitto().orElseThrow(() -> new IOException("mosquitto is not installed")),
                    workDir, "persistence", List.of("allow_anonymous false", "password_file " + passwords, "acl_file " + acl,
                            "persistence true", "persistence_location " + store + "/", "max_inflight_messages 1000",
                            "max_queued_messages 100000"), port);
        }
        Path policyFile = Files.writeString(workDir.resolve("persistence.acl"), policy.policyText());
        List<String> serve = new ArrayList<>(List.of("--policy", policyFile.toString(), "--passwd", passwords.toString(),
                // Room for the restart's data set: the defaults (100,000 retained, 256 MiB) are below it.
                "--max-retained-messages", Integer.toString(options.integer("retained") + 1_000),
                "--max-retained-bytes", Long.toString(Math.max(256L << 20, options.integer("retained") * 512L))));
        if (store != null) {
            serve.addAll(List.of("--data-dir", store.toString()));
        }
        return Brokers.topicguardServe(workDir, options.get("topicguard-heap"), serve, port);
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static RestartResult print(RestartResult r) {
        System.out.printf(Locale.ROOT, "%-10s restart with %,d retained, %,d sessions x %d queued: populate %.1f s, stop %.1f s, "
                + "restart %.2f s, store %,d bytes  %s%n", r.broker(), r.retained(), r.sessions(), r.queuedPerSession(),
                r.populateSeconds(), r.stopSeconds(), r.restartSeconds(), r.storeBytes(), r.note() == null ? "" : r.note());
        return r;
    }
}
