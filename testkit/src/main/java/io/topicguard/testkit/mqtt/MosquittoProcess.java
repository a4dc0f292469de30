package io.topicguard.testkit.mqtt;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real mosquitto broker (Debian package {@code mosquitto}) on a free port of 127.0.0.1, for the
 * tests that compare with it or interoperate with it. Closing it stops the process.
 */
public final class MosquittoProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(15);
    private static final Duration STOP = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path log;

    private MosquittoProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Whether {@code program} (mosquitto, mosquitto_pub, ...) is on the PATH or in /usr/sbin, where Debian puts mosquitto. */
    public static boolean installed(String program) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    /**
     * Starts mosquitto with {@code dir/NAME.conf} holding a loopback listener on a free port and
     * {@code configLines}, logging to {@code dir/NAME.log}, and returns once it accepts connections.
     * Files the configuration names must be readable by others: started as root, mosquitto drops to
     * its own user before it reads them.
     */
    public static MosquittoProcess start(Path dir, String name, String... configLines) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve(name + ".conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\n" + String.join("\n", configLines) + "\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder("mosquitto", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        MosquittoProcess mosquitto = new MosquittoProcess(process, port, log);
        try {
            await().atMost(START).until(mosquitto::accepts);
        } catch (RuntimeException | Error e) {
            mosquitto.close();
            throw e;
        }
        return mosquitto;
    }

    public int port() {
        return port;
    }

    private boolean accepts() {
        if (!process.isAlive()) {
            String output;
            try {
                output = Files.readString(log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ":\n" + output);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops mosquitto: SIGTERM, and SIGKILL when it has not exited within ten seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
