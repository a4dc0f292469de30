package io.topicguard.broker.persistence;

import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerConfig;
import io.topicguard.broker.testing.AllowAll;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V3Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A store that cannot be opened stops the broker at start, named with its cause, and is never replaced. */
class StoreOpeningTest {

    @TempDir
    Path dir;

    private Broker start(Path data) throws IOException {
        return Broker.start(BrokerConfig.builder(new AllowAll()).port(0).watchFiles(null).dataDir(data).build());
    }

    @Test
    void aCorruptStoreIsAStartupErrorAndIsLeftAsItIs() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path file = data.resolve(MvStorePersistence.FILE_NAME);
        byte[] garbage = "this is not an MVStore file, and it must still be here afterwards".repeat(200).getBytes();
        Files.write(file, garbage);

        assertThatThrownBy(() -> start(data)).isInstanceOf(IOException.class).hasMessageStartingWith("cannot open the store " + file);
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void aStoreThatOpensButCannotBeReadToTheEndIsAStartupErrorAndIsLeftAsItIs() throws Exception {
        Path data = dir.resolve("data");
        try (MvStorePersistence store = MvStorePersistence.open(data)) {
            store.retained.put("unreadable/record", new byte[] {(byte) 0xFF, 1, 2, 3}); // a record format no broker wrote
        }
        Path file = data.resolve(MvStorePersistence.FILE_NAME);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> start(data)).isInstanceOf(IOException.class).hasMessageStartingWith("cannot restore the store " + file);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aDataDirectoryThatIsAFileIsAStartupError() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file");

        assertThatThrownBy(() -> start(notADirectory)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot open the store " + notADirectory.resolve(MvStorePersistence.FILE_NAME));
    }

    @Test
    void aStoreClosedCleanlyOpensAgainWithWhatItHeld() throws Exception {
        Path data = dir.resolve("data");
        try (Broker broker = start(data)) {
            broker.publish("kept/one", "1".getBytes(), 1, true);
        }
        try (Broker broker = start(data); V3Client c = V3Client.connect(broker.tcpPort(), "after-restart")) {
            c.subscribe("kept/#", 1);
            assertThat(c.next(Duration.ofSeconds(10))).isEqualTo(new Received("kept/one", "1", 1, true));
        }
    }
}
