package io.topicguard.hivemq;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real HiveMQ CE, in this JVM, with the topicguard extension: a temporary folder holds
 * HiveMQ's configuration (one TCP listener named {@code tcp} on a free loopback port, in-memory
 * persistence, no usage statistics), its data, and the extension's {@code topicguard.yaml}
 * with the files it names. One per test class: starting HiveMQ takes a few seconds.
 */
final class EmbeddedTopicguard implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final EmbeddedHiveMQ hivemq;

    private EmbeddedTopicguard(Path dir, int port, EmbeddedHiveMQ hivemq) {
        this.dir = dir;
        this.port = port;
        this.hivemq = hivemq;
    }

    /** Writes {@code topicguard.yaml} and its files into a fresh folder; then {@link #start(Path)}. */
    static Path folder(String topicguardYaml, String... namesAndContents) throws IOException {
        Path dir = Files.createTempDirectory("topicguard-hivemq-");
        Files.writeString(dir.resolve(ExtensionSettings.FILE_NAME), topicguardYaml, StandardCharsets.UTF_8);
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Files.writeString(dir.resolve(namesAndContents[i]), namesAndContents[i + 1], StandardCharsets.UTF_8);
        }
        return dir;
    }

    /** Starts HiveMQ enforcing {@code policy}, every username taken at its word (trust-username). */
    static EmbeddedTopicguard trustingUsernames(String policy) throws Exception {
        return start(folder("""
                policy: policy.acl
                authentication:
                  - trust-username: true
                """, "policy.acl", policy));
    }

    /** Starts HiveMQ with the extension reading {@code dir/topicguard.yaml}. */
    static EmbeddedTopicguard start(Path dir) throws Exception {
        return start(dir, new TopicguardExtension(dir.resolve(ExtensionSettings.FILE_NAME)));
    }

    /** Starts HiveMQ with {@code extension} in topicguard's place (the benchmark's allow-all baseline). */
    static EmbeddedTopicguard start(Path dir, ExtensionMain extension) throws Exception {
        return start(dir, extension, "");
    }

    /** Starts HiveMQ with the extension and more listeners ({@code <tls-tcp-listener>...}) beside the TCP one. */
    static EmbeddedTopicguard start(Path dir, String moreListeners) throws Exception {
        return start(dir, new TopicguardExtension(dir.resolve(ExtensionSettings.FILE_NAME)), moreListeners);
    }

    private static EmbeddedTopicguard start(Path dir, ExtensionMain extension, String moreListeners) throws Exception {
        int port = freePort();
        Path conf = Files.createDirectories(dir.resolve("hivemq/conf"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>127.0.0.1</bind-address>
                      <name>tcp</name>
                    </tcp-listener>
                    %s
                  </listeners>
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, moreListeners), StandardCharsets.UTF_8);
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(dir.resolve("hivemq/data")))
                .withExtensionsFolder(Files.createDirectories(dir.resolve("hivemq/extensions")))
                .withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("topicguard-hivemq-extension").withName("topicguard").withVersion("test").withPriority(1000).withStartPriority(1000)
                        .withExtensionMain(extension)
                        .build())
                .withoutLoggingBootstrap()
                .build();
        // Embedded HiveMQ admits every client when no extension authenticates (building it sets
        // this to false); a HiveMQ started from its folder refuses them. Tests run the latter way,
        // so an extension that did not start shows as it would in production.
        InternalConfigurations.AUTH_DENY_UNAUTHENTICATED_CONNECTIONS.set(true);
        hivemq.start().get(60, TimeUnit.SECONDS);
        return new EmbeddedTopicguard(dir, port, hivemq);
    }

    int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws ExecutionException, TimeoutException, IOException {
        try {
            hivemq.stop().get(60, TimeUnit.SECONDS);
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
