package io.topicguard.broker.persistence;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Commits the store on one thread, many writes per commit: every acknowledgement waiting when a
 * commit starts is released once that commit is on disk. A batch is what arrived while the
 * previous commit was syncing, so a lone publisher waits one commit and a thousand concurrent
 * publishers share one; nobody waits longer than the commit in progress plus their own. With
 * nobody waiting, writes that need no acknowledgement (subscriptions, acknowledged messages) are
 * committed every {@link #IDLE_COMMIT_MILLIS}.
 */
final class GroupCommitter implements AutoCloseable {

    static final long IDLE_COMMIT_MILLIS = 50;
    private static final int MAX_BATCH = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final MVStore store;
    private final LinkedBlockingQueue<Runnable> waiting = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    GroupCommitter(MVStore store, String name) {
        this.store = store;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code acknowledge} after the next commit, on the committing thread. */
    void afterCommit(Runnable acknowledge) {
        waiting.add(acknowledge);
    }

    private void run() {
        List<Runnable> batch = new ArrayList<>();
        while (!closed) {
            try {
                Runnable first = waiting.poll(IDLE_COMMIT_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    waiting.drainTo(batch, MAX_BATCH);
                }
                if (first != null || store.hasUnsavedChanges()) {
                    commit();
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // A failed commit (disk full, I/O error): nothing in this batch is acknowledged;
                // the publishers resend after reconnecting, as after a crash.
                LOG.error("cannot commit the store: {}; {} acknowledgements withheld", e.getMessage(), batch.size());
                batch.clear();
                continue;
            }
            for (Runnable r : batch) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("acknowledgement after commit failed", e);
                }
            }
            batch.clear();
        }
    }

    private void commit() {
        store.commit();
        store.sync(); // a commit is on disk, not only in the OS cache, before anything is acknowledged
    }

    @Override
    public void close() {
        // No interrupt: an interrupted FileChannel closes itself, and the store with it.
        closed = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
