package io.topicguard.broker.persistence;

import io.topicguard.broker.routing.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A clean close rewrites a store that is mostly dead pages into a small file holding the same entries. */
class CloseShrinksStoreTest {

    private static final int TOPICS = 2_000;

    @TempDir
    Path dir;

    @Test
    void aMostlyDeadStoreIsRewrittenSmallAtCloseWithEverythingInIt() throws Exception {
        long open;
        try (MvStorePersistence store = MvStorePersistence.open(dir)) {
            // Each round replaces every retained message: the pages of the rounds before are dead.
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < TOPICS; i++) {
                    store.retained(new Message("site/" + i + "/state", ("round " + round).getBytes(), 1, true, null, null, 0));
                }
                store.mvStore().commit();
            }
            assertThat(store.mvStore().getFileStore().getChunksFillRate()).isLessThan(50);
            open = Files.size(store.file());
        }
        long closed = Files.size(dir.resolve(MvStorePersistence.FILE_NAME));
        assertThat(closed).isLessThan(open / 4);
        try (MvStorePersistence store = MvStorePersistence.open(dir)) {
            assertThat(store.retained).hasSize(TOPICS);
            assertThat(Codec.message(store.retained.get("site/7/state")).payload()).isEqualTo("round 19".getBytes());
        }
    }
}
