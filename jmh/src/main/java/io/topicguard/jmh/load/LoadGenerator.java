package io.topicguard.jmh.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The broker load generator (issue 4): for each policy kind, broker, rule count and QoS, starts the
 * broker on a free loopback port with a {@link LoadPolicy} of that kind and that many rules, drives
 * it with publisher/subscriber pairs for a bounded time and message count, stops it, and writes
 * messages per second and p50/p99 latency as JSON. With {@code --rounds N} the whole sweep runs N
 * times, each round with fresh broker processes and every second round backwards; the report
 * judges each configuration's median.
 *
 * <p>Run (after {@code mvn -pl jmh -am package -DskipTests}):
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.topicguard.jmh.load.LoadGenerator \
 *     --policy-kinds user,pattern --brokers topicguard,mosquitto --rules 1,1000,10000,100000 --qos 0,1 \
 *     --pairs 4 --window 100 --warmup 1 --seconds 3 --rounds 3 --out bench-results/load.json
 * </pre>
 * Exit status 0 when every run delivered messages, 1 when some run has a note (stalled, refused),
 * 2 on a usage error.
 */
public final class LoadGenerator {

    /** A run during which the host took this share of the machine's CPU time, in percent, is measured again. */
    public static final double STEAL_LIMIT_PERCENT = 5;
    /** How many times at most one configuration is measured in one round. */
    public static final int MAX_ATTEMPTS = 3;

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("load generator: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        List<LoadResult> results = run(options);
        String out = options.get("out");
        if (out != null) {
            write(Path.of(out), options, results);
        }
        System.exit(results.stream().anyMatch(r -> r.note() != null) ? 1 : 0);
    }

    /** Runs every configured combination and prints a line per run; for callers and tests. */
    public static List<LoadResult> run(Map<String, String> options) throws IOException, InterruptedException {
        List<LoadPolicy.Kind> kinds = list(options.get("policy-kinds")).stream().map(LoadPolicy.Kind::of).toList();
        List<String> brokers = list(options.get("brokers"));
        List<Integer> ruleCounts = list(options.get("rules")).stream().map(Integer::parseInt).toList();
        List<Integer> qosLevels = list(options.get("qos")).stream().map(Integer::parseInt).toList();
        LoadSettings settings = new LoadSettings(Integer.parseInt(options.get("pairs")),
                Integer.parseInt(options.get("window")), seconds(options.get("warmup")), seconds(options.get("seconds")),
                Long.parseLong(options.get("max-messages")));
        // Absolute: each broker runs in this directory, and is handed paths to files in it.
        Path workDir = (options.containsKey("work-dir") ? Files.createDirectories(Path.of(options.get("work-dir")))
                : Files.createTempDirectory("topicguard-load")).toAbsolutePath();
        Optional<Path> mosquitto = Brokers.findMosquitto();
        String rounds = options.get("rounds");
        RoundPlan plan = RoundPlan.of(Integer.parseInt(rounds),
                Integer.parseInt(options.getOrDefault("mosquitto-rounds", rounds)),
                Integer.parseInt(options.getOrDefault("comparison-rounds", rounds)), ruleCounts);
        List<LoadResult> results = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-5s %-10s %-7s %8s %3s %12s %10s %10s %6s %6s %6s %3s  %s%n", "round", "broker",
                "policy", "rules", "qos", "msg/s", "p50 us", "p99 us", "broker", "client", "steal", "n", "note");
        double clientWarmup = Double.parseDouble(options.get("client-warmup"));
        if (clientWarmup > 0 && !kinds.isEmpty() && !brokers.isEmpty()) {
            warmUpClients(brokers.get(0), new LoadPolicy(kinds.get(0), 1), qosLevels, settings, clientWarmup, options,
                    workDir, mosquitto);
        }
        // mosquitto may run in fewer rounds (--mosquitto-rounds): its targets are ratios of 20× and
        // 1× that it misses or meets by multiples, while topicguard's "100,000 rules vs one" is a
        // 90% bar between two runs of itself, which only more of its own rounds make trustworthy:
        // topicguard at the fewest and most rules may run in more rounds (--comparison-rounds,
        // RoundPlan), the rounds after --rounds running only those two.
        // Rounds outermost: a burst of noise on a shared machine then lands on one round of several
        // configurations rather than on every round of one, and each round starts fresh broker
        // processes, so one JIT's luck is not repeated either. Even rounds run the sweep backwards,
        // so a machine that slows down (or speeds up) over a round favours neither end of a
        // comparison, one rule or 100,000, in the median. The report takes the median.
        for (int round = 1; round <= plan.total(); round++) {
            for (int[] at : order(kinds.size(), brokers.size(), ruleCounts.size(), round)) {
                if (!plan.runs(brokers.get(at[1]), ruleCounts.get(at[2]), round)) {
                    continue;
                }
                for (LoadResult result : runBroker(brokers.get(at[1]), new LoadPolicy(kinds.get(at[0]), ruleCounts.get(at[2])),
                        qosLevels, settings, options, workDir, mosquitto, round)) {
                    results.add(print(result));
                }
            }
        }
        return results;
    }

    /**
     * The order of a round's runs as (kind, broker, rule count) indexes: kinds, then brokers, then
     * rule counts, each outer loop outermost; backwards in even rounds.
     */
    static List<int[]> order(int kinds, int brokers, int ruleCounts, int round) {
        List<int[]> order = new ArrayList<>();
        for (int k = 0; k < kinds; k++) {
            for (int b = 0; b < brokers; b++) {
                for (int r = 0; r < ruleCounts; r++) {
                    order.add(new int[] {k, b, r});
                }
            }
        }
        if (round % 2 == 0) {
            Collections.reverse(order);
        }
        return order;
    }

    /**
     * Drives one broker for a while and throws the figures away. The first run in this JVM was
     * otherwise measured with the clients' own code still cold: with {@link LoadClient} that run
     * came out at half the rate of the same configuration later in the sweep.
     */
    private static void warmUpClients(String name, LoadPolicy policy, List<Integer> qosLevels, LoadSettings settings,
                                      double seconds, Map<String, String> options, Path workDir, Optional<Path> mosquitto)
            throws InterruptedException {
        LoadSettings warmup = new LoadSettings(settings.pairs(), settings.window(), Duration.ZERO,
                Duration.ofMillis(Math.round(seconds * 1000 / qosLevels.size())), settings.maxMessages());
        runBroker(name, policy, qosLevels, warmup, options, workDir, mosquitto, 1);
        System.out.printf(Locale.ROOT, "(the clients warmed up for %.1f s on %s, %s; not counted)%n", seconds, name,
                policy.fileStem());
    }

    /** Starts one broker with one policy, runs each QoS level against it, stops it, and returns the runs. */
    private static List<LoadResult> runBroker(String name, LoadPolicy policy, List<Integer> qosLevels,
                                              LoadSettings settings, Map<String, String> options, Path workDir,
                                              Optional<Path> mosquitto, int round) throws InterruptedException {
        List<LoadResult> results = new ArrayList<>();
        if (name.equals("mosquitto") && mosquitto.isEmpty()) {
            for (int qos : qosLevels) {
                results.add(failed(name, policy, qos, settings, round,
                        "mosquitto is not installed (apt-get install mosquitto)"));
            }
            return results;
        }
        try (BrokerUnderTest broker = switch (name) {
            case "topicguard" -> Brokers.topicguard(policy, workDir, options.get("topicguard-heap"),
                    options.get("topicguard-mode"));
            case "mosquitto" -> Brokers.mosquitto(mosquitto.orElseThrow(), policy, workDir);
            default -> throw new IllegalArgumentException("unknown broker " + name + " (topicguard or mosquitto)");
        }) {
            for (int qos : qosLevels) {
                results.add(measure(broker, policy, qos, settings, round));
            }
        } catch (IOException e) {
            for (int qos : qosLevels) {
                results.add(failed(name, policy, qos, settings, round,
                        "did not start: " + e.getMessage().lines().findFirst().orElse("")));
            }
            System.err.println(e.getMessage());
        }
        return results;
    }

    /**
     * One configuration's run in one round, measured again (at most {@value #MAX_ATTEMPTS} times in
     * all) while the host takes {@value #STEAL_LIMIT_PERCENT} % or more of the machine: on a shared
     * virtual machine a neighbour's burst can halve a run's rate, and that run measured the
     * neighbour. Of the attempts, the one the host took least from is kept, with how many there were.
     */
    private static LoadResult measure(BrokerUnderTest broker, LoadPolicy policy, int qos, LoadSettings settings, int round)
            throws InterruptedException {
        LoadResult kept = LoadRun.run(broker, policy, qos, settings);
        int attempts = 1;
        while (kept.note() == null && kept.cpu().stolenAtLeast(STEAL_LIMIT_PERCENT) && attempts < MAX_ATTEMPTS) {
            attempts++;
            LoadResult again = LoadRun.run(broker, policy, qos, settings);
            if (again.note() == null && !again.cpu().stolenAtLeast(kept.cpu().stealPercent())) {
                kept = again;
            }
        }
        return kept.as(round, attempts);
    }

    private static LoadResult failed(String broker, LoadPolicy policy, int qos, LoadSettings settings, int round,
                                     String note) {
        return new LoadResult(broker, policy.kind().label(), policy.rules(), qos, settings.pairs(), 0, 0, 0, -1, -1, note,
                round, CpuUsage.UNMEASURED, 1);
    }

    /** The defaults, overridden by {@code --name value} pairs. */
    static Map<String, String> parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("policy-kinds", "user,pattern");
        options.put("brokers", "topicguard,mosquitto");
        options.put("rules", "1,1000,10000,100000");
        options.put("qos", "0,1");
        options.put("pairs", "4");
        options.put("window", "100");
        options.put("warmup", "1");
        options.put("seconds", "3");
        options.put("max-messages", "2000000");
        options.put("rounds", "1");
        options.put("client-warmup", "0");
        options.put("topicguard-heap", "2g");
        options.put("topicguard-mode", "process");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + arg + "'");
            }
            String name = arg.substring(2);
            if (!options.containsKey(name) && !List.of("out", "work-dir", "mosquitto-rounds", "comparison-rounds").contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            options.put(name, args[++i]);
        }
        // A misspelt kind is a usage error, reported before any broker starts.
        list(options.get("policy-kinds")).forEach(LoadPolicy.Kind::of);
        for (String rounds : List.of("rounds", "mosquitto-rounds", "comparison-rounds")) {
            if (options.containsKey(rounds) && !options.get(rounds).matches("[1-9][0-9]{0,2}")) {
                throw new IllegalArgumentException("--" + rounds + " must be a whole number from 1 to 999, got '"
                        + options.get(rounds) + "'");
            }
        }
        return options;
    }

    private static String usage() {
        return "usage: LoadGenerator [--policy-kinds user,pattern] [--brokers topicguard,mosquitto]\n"
                + "       [--rules 1,1000,10000,100000] [--qos 0,1]\n"
                + "       [--pairs 4] [--window 100] [--warmup SECONDS] [--seconds SECONDS] [--max-messages N] [--rounds N]\n"
                + "       [--mosquitto-rounds N (default: all rounds)]\n"
                + "       [--comparison-rounds N (topicguard at the fewest and most rules; default: --rounds)]\n"
                + "       [--client-warmup SECONDS]\n"
                + "       [--topicguard-heap 2g] [--topicguard-mode process|in-process] [--work-dir DIR] [--out FILE.json]";
    }

    private static LoadResult print(LoadResult r) {
        System.out.printf(Locale.ROOT, "%-5d %-10s %-7s %8d %3d %12.0f %10.1f %10.1f %6s %6s %6s %3d  %s%n", r.round(),
                r.broker(), r.policy(), r.rules(), r.qos(), r.messagesPerSecond(), r.p50Micros(), r.p99Micros(),
                percent(r.cpu().brokerPercent()), percent(r.cpu().clientsPercent()), percent(r.cpu().stealPercent()),
                r.attempts(), r.note() == null ? "" : r.note());
        return r;
    }

    private static String percent(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0f%%", value);
    }

    private static void write(Path out, Map<String, String> options, List<LoadResult> results) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>(options);
        // Which clients drove the brokers: load.json files written before LoadClient say nothing (Paho).
        settings.put("clients", "netty");
        document.put("settings", settings);
        document.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), document);
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }
}
