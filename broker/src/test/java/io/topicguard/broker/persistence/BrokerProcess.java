package io.topicguard.broker.persistence;

import io.topicguard.auth.reload.PolicySource;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerConfig;
import io.topicguard.broker.session.SessionRegistry;
import io.topicguard.broker.testing.TestBroker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A broker with a data directory in its own JVM, so a test can {@code kill -9} it
 * ({@link #kill()}: {@link Process#destroyForcibly()}) and start another on the same directory.
 * Its output goes to a log file; {@link #main} prints the port it listens on.
 */
final class BrokerProcess implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern PORT = Pattern.compile("^PORT (\\d+)$", Pattern.MULTILINE);

    private final Process process;
    private final Path log;

    private BrokerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a broker enforcing {@code policy} with its store in {@code dataDir}; output to {@code log}. */
    static BrokerProcess start(Path policy, Path dataDir, Path log) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BrokerProcess.class.getName(), policy.toString(), dataDir.toString());
        return new BrokerProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    /** The port, once the broker listens; fails with the process's output when it ended instead. */
    int awaitPort() throws IOException {
        await().atMost(WAIT).until(() -> PORT.matcher(log()).find() || !process.isAlive());
        Matcher m = PORT.matcher(log());
        if (!m.find()) {
            throw new AssertionError("the broker did not start:\n" + log());
        }
        return Integer.parseInt(m.group(1));
    }

    /** The exit code, once the process ended by itself. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the process is still running");
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** {@code kill -9}: no shutdown hook, no close, no last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** {@code POLICY DATA_DIR}: serves until killed; exit 2 with the reason when it cannot start. */
    public static void main(String[] args) throws Exception {
        // The registry says at DEBUG when a will starts waiting: tests wait for that line before they kill.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(SessionRegistry.class)).setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            PolicySource source = PolicySource.of(Path.of(args[0]));
            Broker broker = Broker.start(BrokerConfig.builder(source, source.load()).port(0).watchFiles(null).ioThreads(2)
                    .authentication(TestBroker.trustUsernames())
                    .limits(ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5))).dataDir(Path.of(args[1])).build());
            System.out.println("PORT " + broker.tcpPort());
            System.out.flush();
            Thread.currentThread().join();
        } catch (IOException e) {
            System.out.println("ERROR " + e.getMessage());
            System.out.flush();
            System.exit(2);
        }
    }
}
