package io.topicguard.jmh.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The connect storm (issue 20 item 5, issue 17's connect figures), topicguard beside mosquitto in
 * one run: for each rule count of the pattern {@link LoadPolicy} and each variant (anonymous, a
 * {@code $7$} password file made by {@code mosquitto_passwd}, and for topicguard HS256 JWTs through
 * a YAML configuration), a fresh broker meets {@code --clients} clients connecting at once, then
 * the same clients again once they all left (a reconnect storm). Each client is its own user
 * ({@code dev-I}), from one of {@link Fleet#ADDRESSES} loopback addresses.
 *
 * <p>topicguard's settings are the defaults of {@code serve}: its limits (sessions 100,000, packet
 * size, keep-alive) are far above a 10,000-client storm, and its login limits (an authentication
 * queue of 1,024 walks, half of it per address, 20 failures per address or username) only slow
 * down addresses that fail; no client here fails, and none comes from an address with more than
 * {@code clients / 64} of them. A refusal would be a finding, so each one is counted and noted.
 * Before any of it the client JVM is warmed up ({@code --warm-client true}) against a throwaway
 * broker of its own.
 *
 * <p>Run: {@code java -cp jmh/target/benchmarks.jar io.topicguard.jmh.load.ConnectScenario
 * --clients 10000 --rules 1,100000 --out bench-results/RUN/broker-connect.json}. Exit status 1
 * when some storm has a note.
 */
public final class ConnectScenario {

    private ConnectScenario() {
    }

    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("brokers", "topicguard,mosquitto");
        d.put("variants", "anonymous,password,jwt");
        d.put("rules", "1,100000");
        d.put("clients", "10000");
        d.put("window", "0");
        d.put("rounds", "1");
        d.put("warm-client", "true");
        d.put("topicguard-heap", "2g");
        d.put("work-dir", "");
        d.put("out", "");
        return d;
    }

    public static void main(String[] args) throws Exception {
        ScenarioOptions options = ScenarioOptions.parseOrExit("ConnectScenario", defaults(), args);
        List<ConnectResult> results = run(options);
        options.write(Map.of("topicguard-jvm", Brokers.topicguardJvmFlags(options.get("topicguard-heap")),
                "source-addresses", Integer.toString(Fleet.ADDRESSES)), results);
        System.exit(results.stream().anyMatch(r -> r.note() != null) ? 1 : 0);
    }

    static List<ConnectResult> run(ScenarioOptions options) throws IOException, InterruptedException {
        Path workDir = options.workDir("topicguard-connect");
        int clients = options.integer("clients");
        int window = options.integer("window") <= 0 ? clients : options.integer("window");
        Optional<Path> mosquitto = Brokers.findMosquitto();
        if (Boolean.parseBoolean(options.get("warm-client"))) {
            warmClient(workDir);
        }
        List<ConnectResult> results = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-5s %-10s %-9s %7s %-9s %8s %7s %6s %10s %10s %10s  %s%n", "round", "broker",
                "variant", "rules", "phase", "admitted", "refused", "failed", "conn/s", "p50 us", "p99 us", "note");
        for (int round = 1; round <= options.integer("rounds"); round++) {
            for (int rules : options.integers("rules")) {
                LoadPolicy policy = new LoadPolicy(LoadPolicy.Kind.PATTERN, rules);
                for (String variant : options.list("variants")) {
                    for (String name : options.list("brokers")) {
                        if (name.equals("mosquitto") && (variant.equals("jwt") || mosquitto.isEmpty())) {
                            continue; // mosquitto has no JWT authentication of its own
                        }
                        try (BrokerProcess broker = start(name, variant, policy, clients, workDir, options, mosquitto)) {
                            IntFunction<Fleet.Credentials> credentials = credentials(variant, clients);
                            for (String phase : List.of("first", "reconnect")) {
                                results.add(print(ConnectStorm.run(broker, variant, rules, phase, clients, window,
                                        credentials, round)));
                            }
                        } catch (IOException e) {
                            System.err.println(e.getMessage());
                            results.add(print(new ConnectResult(name, variant, rules, "first", clients, 0, 0, clients, 0,
                                    0, -1, -1, "did not start: " + e.getMessage().lines().findFirst().orElse(""), round)));
                        }
                    }
                }
            }
        }
        return results;
    }

    /** Clients of one warm-up storm: both ends of each connection are in this JVM, and the limit of open files is often 20,000. */
    private static final int WARM_UP_CLIENTS = 4_000;

    /**
     * Four unmeasured storms against a throwaway topicguard inside this JVM. Otherwise the first
     * measured storm meets a client whose JIT is still compiling its connect path: on 2 cores the
     * cold client took about twice the CPU of a warm one, and only the broker first in
     * {@code --brokers} paid for it (mosquitto's first storm: 2,889 conn/s after a cold client,
     * 3,500 after a warm one).
     */
    private static void warmClient(Path workDir) throws IOException, InterruptedException {
        Path policyFile = Files.writeString(workDir.resolve("client-warm-up.acl"),
                new LoadPolicy(LoadPolicy.Kind.PATTERN, 1).policyTextAdmittingAnonymous());
        Path passwords = Files.writeString(workDir.resolve("client-warm-up.passwd"),
                PasswordLines.sha512Line(LoadPolicy.USERNAME, LoadPolicy.PASSWORD) + "\n");
        try (InProcessTopicguard broker = InProcessTopicguard.start(policyFile, passwords)) {
            for (int storm = 0; storm < 4; storm++) {
                ConnectStorm.run(broker, "anonymous", 1, "warm-up", WARM_UP_CLIENTS, WARM_UP_CLIENTS,
                        credentials("anonymous", WARM_UP_CLIENTS), 0);
            }
        }
    }

    /** Each client's identity: {@code dev-I}, with its password or a token for it, or nothing when anonymous. */
    static IntFunction<Fleet.Credentials> credentials(String variant, int clients) {
        return switch (variant) {
            case "anonymous" -> i -> new Fleet.Credentials("storm-" + i, null, null, true);
            case "password" -> i -> new Fleet.Credentials("storm-" + i, PasswordLines.stormUser(i),
                    PasswordLines.stormPassword(i), true);
            case "jwt" -> {
                // Minted before the storm, so that signing costs the clients nothing during it.
                String[] tokens = new String[clients];
                for (int i = 0; i < clients; i++) {
                    tokens[i] = Tokens.hs256(PasswordLines.stormUser(i));
                }
                yield i -> new Fleet.Credentials("storm-" + i, PasswordLines.stormUser(i), tokens[i], true);
            }
            default -> throw new IllegalArgumentException("unknown variant " + variant + " (anonymous, password or jwt)");
        };
    }

    private static BrokerProcess start(String name, String variant, LoadPolicy policy, int clients, Path workDir,
                                       ScenarioOptions options, Optional<Path> mosquitto)
            throws IOException, InterruptedException {
        String stem = "storm-" + variant + "-" + policy.rules();
        if (name.equals("mosquitto")) {
            Path acl = Files.writeString(workDir.resolve(stem + ".mosquitto-acl"), policy.mosquittoAcl());
            List<String> lines = new ArrayList<>(List.of("acl_file " + acl, "persistence false"));
            if (variant.equals("anonymous")) {
                lines.add("allow_anonymous true");
            } else {
                lines.addAll(List.of("allow_anonymous false", "password_file " + PasswordLines.pbkdf2File(workDir, clients)));
            }
            return Brokers.mosquittoWith(mosquitto.orElseThrow(), workDir, stem, lines, BrokerProcess.freePort());
        }
        Path policyFile = workDir.resolve(stem + ".acl");
        String heap = options.get("topicguard-heap");
        switch (variant) {
            case "anonymous" -> {
                Files.writeString(policyFile, policy.policyTextAdmittingAnonymous());
                return Brokers.topicguardServe(workDir, heap, List.of("--policy", policyFile.toString()));
            }
            case "password" -> {
                Files.writeString(policyFile, policy.policyText());
                return Brokers.topicguardServe(workDir, heap, List.of("--policy", policyFile.toString(),
                        "--passwd", PasswordLines.pbkdf2File(workDir, clients).toString()));
            }
            default -> {
                Files.writeString(policyFile, policy.policyText());
                Path config = Files.writeString(workDir.resolve(stem + ".yaml"), String.join("\n",
                        "# written by io.topicguard.jmh.load.ConnectScenario",
                        "policy: " + policyFile.getFileName(),
                        "persistence: false",
                        "authentication:",
                        "  - jwt: {secret: \"" + Tokens.SECRET + "\", claims: {sub: \"${username}\"}}",
                        ""));
                return Brokers.topicguardServe(workDir, heap, List.of("--config", config.toString()));
            }
        }
    }

    private static ConnectResult print(ConnectResult r) {
        System.out.printf(Locale.ROOT, "%-5d %-10s %-9s %7d %-9s %8d %7d %6d %10.0f %10.1f %10.1f  %s%n", r.round(),
                r.broker(), r.variant(), r.rules(), r.phase(), r.admitted(), r.refused(), r.failed(), r.connectsPerSecond(),
                r.p50Micros(), r.p99Micros(), r.note() == null ? "" : r.note());
        return r;
    }
}
