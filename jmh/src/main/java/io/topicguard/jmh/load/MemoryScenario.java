package io.topicguard.jmh.load;

import io.netty.channel.nio.NioEventLoopGroup;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Memory per client (issue 20 item 6): a fresh broker (one-rule pattern {@link LoadPolicy}, the
 * load user's {@code $6$} password) is measured idle, then with {@code --clients} connected clients
 * each holding {@code --subscriptions} subscriptions ({@code load/m/I/K/+}), then measured again.
 * topicguard gets a full GC ({@code jcmd GC.run}) before each reading, so that its resident set and
 * heap hold what is live, not what awaits collection; the resident set is read once it has settled
 * ({@link ProcessMemory#settledRssBytes}), after G1 has returned what the collection freed.
 *
 * <p>Run: {@code java -cp jmh/target/benchmarks.jar io.topicguard.jmh.load.MemoryScenario
 * --clients 10000,18000 --out bench-results/RUN/broker-memory.json}.
 */
public final class MemoryScenario {

    /** CONNECTs awaiting CONNACK at once: this step measures memory, not the storm. */
    private static final int WINDOW = 500;

    private MemoryScenario() {
    }

    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("brokers", "topicguard,mosquitto");
        d.put("clients", "10000,18000");
        d.put("subscriptions", "5");
        d.put("rounds", "1");
        d.put("topicguard-heap", "2g");
        d.put("work-dir", "");
        d.put("out", "");
        return d;
    }

    public static void main(String[] args) throws Exception {
        ScenarioOptions options = ScenarioOptions.parseOrExit("MemoryScenario", defaults(), args);
        List<MemoryResult> results = run(options);
        options.write(Map.of("topicguard-jvm", Brokers.topicguardJvmFlags(options.get("topicguard-heap")),
                "open-files-limit", openFilesLimit()), results);
        System.exit(results.stream().anyMatch(r -> r.note() != null) ? 1 : 0);
    }

    static List<MemoryResult> run(ScenarioOptions options) throws IOException, InterruptedException {
        Path workDir = options.workDir("topicguard-memory");
        Optional<Path> mosquitto = Brokers.findMosquitto();
        int subscriptions = options.integer("subscriptions");
        List<MemoryResult> results = new ArrayList<>();
        LoadPolicy policy = new LoadPolicy(LoadPolicy.Kind.PATTERN, 1);
        for (int round = 1; round <= options.integer("rounds"); round++) {
            for (int clients : options.integers("clients")) {
                for (String name : options.list("brokers")) {
                    if (name.equals("mosquitto") && mosquitto.isEmpty()) {
                        continue;
                    }
                    try (BrokerProcess broker = name.equals("mosquitto")
                            ? Brokers.mosquitto(mosquitto.get(), policy, workDir)
                            : Brokers.topicguardServe(workDir, options.get("topicguard-heap"), List.of(
                                    "--policy", Files.writeString(workDir.resolve("memory.acl"), policy.policyText()).toString(),
                                    "--passwd", Files.writeString(workDir.resolve("memory.passwd"),
                                            PasswordLines.sha512Line(LoadPolicy.USERNAME, LoadPolicy.PASSWORD) + "\n")
                                            .toString()))) {
                        results.add(print(measure(broker, clients, subscriptions, round)));
                    }
                }
            }
        }
        return results;
    }

    private static MemoryResult measure(BrokerProcess broker, int clients, int subscriptions, int round)
            throws InterruptedException {
        boolean jvm = broker.name().equals("topicguard");
        long heapBefore = jvm ? settledHeap(broker.pid()) : -1;
        long rssBefore = ProcessMemory.settledRssBytes(broker.pid()).orElse(-1);
        NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("memory-clients", true));
        List<String> lost = new ArrayList<>();
        List<Fleet.Outcome> outcomes = List.of();
        try {
            outcomes = Fleet.connect(group, broker.port(), clients, WINDOW, i -> new Fleet.Credentials("mem-" + i,
                    LoadPolicy.USERNAME, LoadPolicy.PASSWORD, true), Fleet.quiet(lost));
            int connected = 0;
            int refusedFilters = 0;
            for (Fleet.Outcome o : outcomes) {
                if (!o.admitted()) {
                    continue;
                }
                boolean all = true;
                for (int k = 0; k < subscriptions; k++) {
                    CompletableFuture<Integer> granted = o.client().subscribe("load/m/" + o.client().clientId() + "/" + k + "/+", 0);
                    try {
                        if (granted.get(30, TimeUnit.SECONDS) == 0x80) {
                            refusedFilters++;
                            all = false;
                        }
                    } catch (Exception e) {
                        all = false;
                    }
                }
                connected += all ? 1 : 0;
            }
            long heapAfter = jvm ? settledHeap(broker.pid()) : -1;
            long rssAfter = ProcessMemory.settledRssBytes(broker.pid()).orElse(-1);
            List<String> notes = new ArrayList<>();
            if (connected < clients) {
                notes.add((clients - connected) + " of " + clients + " clients not connected with every subscription"
                        + (refusedFilters > 0 ? " (" + refusedFilters + " filters refused)" : ""));
            }
            if (!lost.isEmpty()) {
                notes.add(lost.size() + " connections lost: " + lost.get(0));
            }
            return new MemoryResult(broker.name(), clients, subscriptions, connected, rssBefore, rssAfter, heapBefore,
                    heapAfter, perClient(rssBefore, rssAfter, connected), jvm ? perClient(heapBefore, heapAfter, connected) : -1,
                    notes.isEmpty() ? null : String.join("; ", notes), round);
        } finally {
            Fleet.close(outcomes);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(30_000);
        }
    }

    /** Heap in use right after a full GC; the GC also lets the resident set read next drop what was garbage. */
    private static long settledHeap(long pid) {
        ProcessMemory.fullGc(pid);
        return ProcessMemory.heapUsedBytes(pid).orElse(-1);
    }

    private static double perClient(long before, long after, int clients) {
        return before < 0 || after < 0 || clients == 0 ? -1 : Math.round((after - before) * 10.0 / clients) / 10.0;
    }

    private static String openFilesLimit() {
        try {
            return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
                    .map(l -> l.replace("Max open files", "").trim().split("\\s+")[0]).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static MemoryResult print(MemoryResult r) {
        System.out.printf(Locale.ROOT, "%-10s %6d clients %d subs: RSS %,d -> %,d (%,.0f B/client), heap %,d -> %,d (%,.0f B/client)  %s%n",
                r.broker(), r.clients(), r.subscriptions(), r.rssBefore(), r.rssAfter(), r.rssPerClient(), r.heapBefore(),
                r.heapAfter(), r.heapPerClient(), r.note() == null ? "" : r.note());
        return r;
    }
}
