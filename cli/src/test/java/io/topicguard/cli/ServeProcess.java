package io.topicguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * {@code topicguard serve ...} run as its own process, as an operator runs it, with this module's
 * classes; everything it prints goes to a log file the test reads. {@link #close()} sends SIGTERM
 * (and kills it if it does not stop).
 */
final class ServeProcess implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    /** The broker's "listening on ADDRESS:PORT (NAME...)" line. */
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\((\\w+)");

    private final Process process;
    private final Path log;

    private ServeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code topicguard serve ARGS} in {@code directory}, writing its output to {@code log}. */
    static ServeProcess start(Path directory, Path log, String... args) throws IOException {
        return command(directory, log, "serve", args);
    }

    /** Starts {@code topicguard SUBCOMMAND ARGS} (e.g. {@code authz-server}) the same way. */
    static ServeProcess command(Path directory, Path log, String subcommand, String... args) throws IOException {
        List<String> command = Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TopicguardCommand.class.getName(), subcommand), Stream.of(args)).toList();
        return new ServeProcess(new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Everything the process printed so far. */
    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The port of each listener, by name, once {@code count} listeners are listening (or the process ended). */
    Map<String, Integer> awaitListening(int count) throws IOException {
        await().atMost(WAIT).until(() -> ports().size() >= count || !process.isAlive());
        return ports();
    }

    private Map<String, Integer> ports() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Matcher m = LISTENING.matcher(log());
        while (m.find()) {
            ports.put(m.group(2), Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
