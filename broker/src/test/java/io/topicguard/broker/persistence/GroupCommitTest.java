package io.topicguard.broker.persistence;

import io.topicguard.broker.routing.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An acknowledgement waits for the commit holding what was written before it. */
class GroupCommitTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgementsRunOnlyOnceWhatPrecededThemIsCommitted() throws Exception {
        int writes = 100;
        List<Boolean> pendingAtAck = new CopyOnWriteArrayList<>();
        try (MvStorePersistence store = MvStorePersistence.open(dir)) {
            for (int i = 0; i < writes; i++) {
                store.retained(new Message("t/" + i, ("p" + i).getBytes(), 1, true, null, null));
                CountDownLatch acked = new CountDownLatch(1);
                store.afterCommit(() -> {
                    pendingAtAck.add(store.uncommitted());
                    acked.countDown();
                });
                assertThat(acked.await(60, TimeUnit.SECONDS)).isTrue();
            }
        }
        // Only this thread writes, and it waits for each acknowledgement: each one sees its write committed.
        assertThat(pendingAtAck).hasSize(writes).containsOnly(false);
        try (MvStorePersistence reopened = MvStorePersistence.open(dir)) {
            assertThat(reopened.retained.size()).isEqualTo(writes);
        }
    }
}
