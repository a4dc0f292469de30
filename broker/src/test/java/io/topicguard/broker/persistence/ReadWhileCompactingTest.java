package io.topicguard.broker.persistence;

import io.topicguard.broker.routing.Message;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long read of the store (the restore of a large one takes seconds) while commits and MVStore's
 * compaction go on: the read sees every entry, where an unpinned iterator met "Chunk N not found"
 * on an intact store and the broker refused to start. The compaction is run here by hand, at
 * chosen points of the read, so the race is the same every time.
 */
class ReadWhileCompactingTest {

    private static final int ENTRIES = 4_000;
    private static final byte[] PAYLOAD = new byte[64];

    @TempDir
    Path dir;

    @Test
    void aPinnedReadSeesEveryEntryWhileChunksAreRewritten() throws Exception {
        writeHalfDeadStore();
        try (MvStorePersistence store = MvStorePersistence.open(dir)) {
            int seen = store.reading(() -> readCompactingOnTheWay(store));
            assertThat(seen).isEqualTo(ENTRIES);
        }
    }

    /** Every chunk about half dead, as a store written for a while is: compaction has work to do. */
    private void writeHalfDeadStore() throws Exception {
        try (MvStorePersistence store = MvStorePersistence.open(dir)) {
            for (int i = 0; i < ENTRIES; i++) {
                store.retained(retained(i));
                if (i % 500 == 0) {
                    store.mvStore().commit();
                }
            }
            for (int i = 0; i < ENTRIES; i += 2) {
                store.retained(retained(i));
                if (i % 500 == 0) {
                    store.mvStore().commit();
                }
            }
        }
    }

    private static int readCompactingOnTheWay(MvStorePersistence store) {
        MVStore mv = store.mvStore();
        // Chunks written long ago are past the retention time; these were written a moment ago.
        mv.setRetentionTime(0);
        int seen = 0;
        Iterator<Map.Entry<String, byte[]>> entries = store.retained.entrySet().iterator();
        while (entries.hasNext()) {
            entries.next();
            seen++;
            if (seen % 500 == 0) {
                // More new versions than the store keeps, each moving live pages out of old chunks.
                for (int v = 0; v <= mv.getVersionsToKeep(); v++) {
                    store.sessions.put("tick", new byte[] {(byte) v});
                    mv.commit();
                    mv.compact(95, 16 * 1024 * 1024);
                }
            }
        }
        return seen;
    }

    private static Message retained(int i) {
        return new Message("sensors/" + i + "/state", PAYLOAD, 1, true, null, null, 0);
    }
}
