package io.topicguard.jmh.load;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts each broker under test with the same load policy and password file, as a child process
 * on a free loopback port. topicguard runs as {@code topicguard serve} (the class behind
 * {@code bin/topicguard}) in a JVM of its own, with this JVM's class path, so that neither broker
 * shares a process, heap or JIT with the load clients; {@code in-process} mode embeds it instead,
 * for the smoke test.
 */
final class Brokers {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private Brokers() {
    }

    /**
     * @param mode {@code process} (a child JVM, what the report measures) or {@code in-process}
     *             (embedded, for the smoke test)
     */
    static BrokerUnderTest topicguard(LoadPolicy policy, Path workDir, String heap, String mode) throws IOException {
        Path policyFile = Files.writeString(workDir.resolve(policy.fileStem() + ".acl"), policy.policyText());
        Path passwords = writePasswords(workDir);
        switch (mode) {
            case "process" -> {
                return topicguardProcess(policyFile, passwords, workDir, heap);
            }
            case "in-process" -> {
                return InProcessTopicguard.start(policyFile, passwords);
            }
            default -> throw new IllegalArgumentException("--topicguard-mode must be process or in-process, got " + mode);
        }
    }

    private static BrokerUnderTest topicguardProcess(Path policyFile, Path passwords, Path workDir, String heap)
            throws IOException {
        return topicguardServe(workDir, heap, List.of("--policy", policyFile.toString(), "--passwd", passwords.toString()));
    }

    /**
     * {@code topicguard serve} in a child JVM with {@code -Xmx heap} and these options, on a free
     * loopback port (the scenarios beyond the message load: configuration files, data directories).
     */
    static BrokerProcess topicguardServe(Path workDir, String heap, List<String> serveOptions) throws IOException {
        return topicguardServe(workDir, heap, serveOptions, BrokerProcess.freePort());
    }

    /** As above on a given port: a restarted broker comes back where its clients expect it. */
    static BrokerProcess topicguardServe(Path workDir, String heap, List<String> serveOptions, int port) throws IOException {
        // As bin/topicguard runs it: the launcher's options file first, then the heap as TOPICGUARD_JAVA_OPTS would give it.
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "@" + launcherOptions(), "-Xmx" + heap,
                "-cp", absoluteClassPath(), "io.topicguard.cli.TopicguardCommand", "serve"));
        command.addAll(serveOptions);
        command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1"));
        return BrokerProcess.start("topicguard", command, port, workDir, START_TIMEOUT);
    }

    /**
     * mosquitto with a configuration of the listener, the user it runs as, logging to stderr, and
     * {@code lines} (authentication, ACL, persistence: whatever the scenario needs).
     */
    static BrokerProcess mosquittoWith(Path executable, Path workDir, String stem, List<String> lines, int port)
            throws IOException {
        List<String> config = new ArrayList<>(List.of("# written by io.topicguard.jmh.load",
                "listener " + port + " 127.0.0.1",
                "user " + System.getProperty("user.name"),
                "log_dest stderr", "log_type error", "log_type warning"));
        config.addAll(lines);
        config.add("");
        Path configFile = Files.writeString(workDir.resolve("mosquitto-" + stem + ".conf"), String.join("\n", config));
        return BrokerProcess.start("mosquitto", List.of(executable.toString(), "-c", configFile.toString()), port, workDir,
                START_TIMEOUT);
    }

    /** The JVM flags the child topicguard runs with, for reports. */
    static String topicguardJvmFlags(String heap) {
        String launcher;
        try {
            launcher = String.join(" ", Files.readAllLines(launcherOptions(), StandardCharsets.UTF_8).stream()
                    .map(line -> line.replaceAll("#.*", "").trim()).filter(line -> !line.isEmpty()).toList());
        } catch (IOException e) {
            launcher = "? (" + e.getMessage() + ")";
        }
        return "bin/jvm.options (" + launcher + ") -Xmx" + heap + " (the JDK's default collector, G1, and its default initial heap)";
    }

    /**
     * The launcher's JVM options, {@code bin/jvm.options} of the checkout whose build this runs
     * from (looked for above each class path entry, e.g. {@code jmh/target/benchmarks.jar}): the
     * broker under test runs with what a user's {@code bin/topicguard serve} runs with.
     */
    static Path launcherOptions() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            for (Path dir = Path.of(entry).toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                Path options = dir.resolve("bin").resolve("jvm.options");
                if (Files.isRegularFile(options) && Files.isRegularFile(dir.resolve("bin").resolve("topicguard"))) {
                    return options;
                }
            }
        }
        throw new IllegalStateException("no bin/jvm.options (beside bin/topicguard) above any class path entry ("
                + System.getProperty("java.class.path") + "): the broker under test must run with the launcher's JVM options");
    }

    /**
     * mosquitto with {@code allow_anonymous false}, the password file and the translated
     * {@code acl_file}; {@code max_inflight_messages} and {@code max_queued_messages} are raised
     * above the load window so that mosquitto never drops or throttles what topicguard delivers.
     */
    static BrokerProcess mosquitto(Path executable, LoadPolicy policy, Path workDir) throws IOException {
        Path acl = Files.writeString(workDir.resolve(policy.fileStem() + ".mosquitto-acl"), policy.mosquittoAcl());
        Path passwords = writePasswords(workDir);
        int port = BrokerProcess.freePort();
        String config = String.join("\n",
                "# written by io.topicguard.jmh.load.LoadGenerator",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous false",
                "password_file " + passwords.toAbsolutePath(),
                "acl_file " + acl.toAbsolutePath(),
                "persistence false",
                "max_inflight_messages 1000",
                "max_queued_messages 100000",
                // Running as root, mosquitto would switch to the 'mosquitto' user, who cannot read
                // the private temporary directory the files are in.
                "user " + System.getProperty("user.name"),
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "");
        Path configFile = Files.writeString(workDir.resolve("mosquitto-" + policy.fileStem() + ".conf"), config);
        List<String> command = List.of(executable.toString(), "-c", configFile.toString());
        return BrokerProcess.start("mosquitto", command, port, workDir, START_TIMEOUT);
    }

    /** The mosquitto executable on the PATH or in /usr/sbin, if installed. */
    static Optional<Path> findMosquitto() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "mosquitto"));
            }
        }
        candidates.add(Path.of("/usr/sbin/mosquitto"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    private static Path writePasswords(Path workDir) throws IOException {
        return Files.writeString(workDir.resolve("passwd"),
                PasswordLines.sha512Line(LoadPolicy.USERNAME, LoadPolicy.PASSWORD) + "\n", StandardCharsets.UTF_8);
    }

    /** This JVM's class path with every entry absolute, since the child runs in another directory. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
