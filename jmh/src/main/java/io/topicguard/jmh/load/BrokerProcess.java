package io.topicguard.jmh.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A broker running as a child process on 127.0.0.1, its output in a log file next to its
 * configuration. Shared by both brokers so that they are started, awaited and stopped alike.
 */
final class BrokerProcess implements BrokerUnderTest {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private BrokerProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} and waits until the broker accepts TCP connections on {@code port}.
     *
     * @throws IOException when it cannot start, exits, or does not listen within {@code startTimeout};
     *                     the message holds the end of its log
     */
    static BrokerProcess start(String name, List<String> command, int port, Path workDir, Duration startTimeout)
            throws IOException {
        // A restarted broker gets a log of its own: the log of the run before it may say why a store went wrong.
        Path log = workDir.resolve(name + ".log");
        for (int n = 2; Files.exists(log); n++) {
            log = workDir.resolve(name + "-" + n + ".log");
        }
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BrokerProcess broker = new BrokerProcess(name, port, process, log);
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue() + " before listening on port "
                        + port + "; its log " + log + " ends:\n" + broker.logTail());
            }
            if (System.nanoTime() > deadline) {
                broker.close();
                throw new IOException(name + " did not listen on port " + port + " within " + startTimeout.toSeconds()
                        + " s; its log " + log + " ends:\n" + broker.logTail());
            }
            // Polling a port of a child process: nothing to wait on but time.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return broker;
    }

    /** A port that was free a moment ago on the loopback interface. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The last lines of the broker's output, for error messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    /** The broker's process id, for reading its memory and asking its JVM (jcmd). */
    long pid() {
        return process.pid();
    }

    @Override
    public Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            // A broker with a store writes it on the way out (mosquitto saves a million retained messages then).
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
