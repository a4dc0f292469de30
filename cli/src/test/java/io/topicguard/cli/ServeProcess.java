package io.topicguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** {@code topicguard ARGS...} run as its own process, as an operator runs it, with its output in a log file. */
final class ServeProcess implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(tcp\\)");

    private final Process process;
    private final Path log;
    private final int port;

    private ServeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code topicguard args...}, writing its output to {@code log}, and waits until it listens on TCP. */
    static ServeProcess start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TopicguardCommand.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServeProcess started = new ServeProcess(process, log, -1);
        await().atMost(WAIT).until(() -> LISTENING.matcher(started.output()).find());
        Matcher listening = LISTENING.matcher(started.output());
        if (!listening.find()) {
            throw new IllegalStateException("not listening:\n" + started.output());
        }
        return new ServeProcess(process, log, Integer.parseInt(listening.group(1)));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Everything the process wrote so far. */
    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
