package io.topicguard.broker.persistence;

import io.topicguard.broker.routing.Message;
import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.session.OutboundMessage;
import io.topicguard.broker.session.Will;
import io.topicguard.engine.ClientInfo;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The broker's state in one H2 MVStore file ({@value #FILE_NAME} in the data directory). Keys of
 * per-session maps start with the client id and a NUL, so a session's entries are one range.
 * Messages of a session are keyed by a sequence number that only grows (across restarts too), so
 * a range read gives them in the order they were accepted.
 */
public final class MvStorePersistence implements Persistence {

    /** The store's file inside the data directory. */
    public static final String FILE_NAME = "topicguard.mv.db";

    private static final Logger LOG = LoggerFactory.getLogger(MvStorePersistence.class);
    private static final char SEP = '\u0000';
    /**
     * {@link MVStore#close(int)}'s "rewrite the live data into a fresh file", done at a clean
     * close when the file is mostly dead. It costs time in proportion to the live data (7 s for
     * 2,000,000 entries, 6.2 GB shrinking to 220 MB), not to the file, and it is safe to
     * interrupt: the copy is a separate file that replaces the store by an atomic rename only
     * once it is complete.
     */
    private static final int REWRITE_FULLY = -1;
    private static final int REWRITE_BELOW_FILL_PERCENT = 50;

    private final Path file;
    private final MVStore store;
    private final GroupCommitter committer;
    final MVMap<String, byte[]> retained;
    final MVMap<String, byte[]> sessions;
    final MVMap<String, byte[]> subscriptions;
    final MVMap<String, byte[]> messages;
    /** Packet id of a message that went out; negative once its PUBREC came back (QoS 2). */
    final MVMap<String, Integer> inflight;
    /** A session's will waiting for its delay or for the session's end, by client id. */
    final MVMap<String, byte[]> wills;
    /** Packet ids of incoming QoS 2 messages routed and waiting for PUBREL. */
    final MVMap<String, Integer> incoming;
    private final AtomicLong sequence;

    private MvStorePersistence(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.retained = store.openMap("retained");
        this.sessions = store.openMap("sessions");
        this.subscriptions = store.openMap("subscriptions");
        this.messages = store.openMap("messages");
        this.inflight = store.openMap("inflight");
        this.wills = store.openMap("wills");
        this.incoming = store.openMap("incoming");
        this.sequence = new AtomicLong(reading(() -> {
            long last = 0;
            for (String key : messages.keySet()) {
                last = Math.max(last, Long.parseLong(key.substring(key.lastIndexOf(SEP) + 1)));
            }
            return last;
        }));
        this.committer = new GroupCommitter(store, "topicguard-store-commit");
    }

    /**
     * Opens (or creates) the store in {@code dir}.
     *
     * @throws IOException naming the file and the cause when it cannot be opened: the directory is
     *                     not writable, another broker holds the file, or the file is corrupt (it
     *                     is left as it is, never replaced)
     */
    public static MvStorePersistence open(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot open the store " + file + ": cannot create the directory: " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot open the store " + file + ": the directory is not writable");
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).open();
        } catch (RuntimeException e) {
            throw new IOException("cannot open the store " + file + ": " + why(e), e);
        }
        try {
            MvStorePersistence p = new MvStorePersistence(file, store);
            LOG.info("store {}: {} retained messages, {} sessions", file, p.retained.size(), p.sessions.size());
            return p;
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new IOException("cannot open the store " + file + ": " + why(e), e);
        }
    }

    private static String why(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("locked")) {
            return "it is in use by another process (another broker on the same data directory?): " + m;
        }
        return m + " (the file is left as it is: move it away to start with an empty store)";
    }

    /**
     * Runs {@code read} with the store's current version pinned, so every iterator it opens can
     * read its pages to the end. An iterator walks the tree of the version it started on and reads
     * pages lazily; meanwhile our commits and MVStore's background compaction move live pages into
     * new chunks, and a chunk no version newer than the oldest one kept still uses is freed. An
     * unpinned iteration that outlasts a few versions (the restore of a large store takes seconds)
     * then fails with "Chunk N not found" on a store that is intact. A pinned version keeps its
     * chunks until it is released, exactly as an open transaction's snapshot does.
     */
    <T> T reading(Supplier<T> read) {
        MVStore.TxCounter pinned = store.registerVersionUsage();
        try {
            return read.get();
        } finally {
            store.deregisterVersionUsage(pinned);
        }
    }

    /** The MVStore itself: for tests that commit and compact while something reads. */
    MVStore mvStore() {
        return store;
    }

    /** Whether writes are waiting for a commit: for tests of the committer. */
    boolean uncommitted() {
        return store.hasUnsavedChanges();
    }

    /**
     * Whether most of the file is dead pages. Every commit writes the pages it changed, with their
     * parents, to a new chunk; dead chunks are kept for the retention time (45 s, for crash safety)
     * and the file never shrinks by itself. A busy store ends up mostly dead: 1,000,000 retained
     * and 1,000,000 queued messages were a 6.2 GB file with 4 % of it live.
     */
    private boolean mostlyDead() {
        return !store.isClosed() && store.getFileStore().getChunksFillRate() < REWRITE_BELOW_FILL_PERCENT;
    }

    /** The store's file. */
    public Path file() {
        return file;
    }

    @Override
    public void afterCommit(Runnable acknowledge) {
        committer.afterCommit(acknowledge);
    }

    @Override
    public void retained(Message m) {
        if (m.payload().length == 0) {
            retained.remove(m.topic());
        } else {
            retained.put(m.topic(), Codec.message(m));
        }
    }

    @Override
    public void retainedExpired(String topic) {
        retained.remove(topic);
    }

    @Override
    public SessionStore session(String clientId) {
        return new Stored(clientId);
    }

    /** The hooks of a session restored from the store, knowing which stored entry each restored message is. */
    Stored restored(String clientId, Map<OutboundMessage, String> keys) {
        Stored s = new Stored(clientId);
        s.keys.putAll(keys);
        return s;
    }

    /** Visits the entries of one session's range of {@code map} in key order. */
    <V> void range(MVMap<String, V> map, String clientId, BiConsumer<String, V> visit) {
        String prefix = clientId + SEP;
        reading(() -> {
            Iterator<String> keys = map.keyIterator(prefix);
            while (keys.hasNext()) {
                String key = keys.next();
                if (!key.startsWith(prefix)) {
                    break;
                }
                visit.accept(key, map.get(key));
            }
            return null;
        });
    }

    private <V> void removeRange(MVMap<String, V> map, String clientId) {
        List<String> doomed = new ArrayList<>();
        range(map, clientId, (k, v) -> doomed.add(k));
        doomed.forEach(map::remove);
    }

    /** The session of a client whose identity or lifetime the store no longer needs. */
    void forget(String clientId) {
        sessions.remove(clientId);
        removeRange(subscriptions, clientId);
        removeRange(messages, clientId);
        removeRange(inflight, clientId);
        removeRange(incoming, clientId);
        wills.remove(clientId);
    }

    /**
     * {@code n} in decimal, zeros in front up to {@code width} digits, so that keys sort as their
     * numbers do. Not {@code String.format}: once per stored message, its parsing was a tenth of an
     * event loop's time under a QoS 1 stream.
     */
    static String zeroPadded(long n, int width) {
        String digits = Long.toString(n);
        if (digits.length() >= width) {
            return digits;
        }
        StringBuilder b = new StringBuilder(width);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }

    /** One persistent session's hooks: called under the session's lock, so the identity map needs none of its own. */
    final class Stored implements SessionStore {
        private final String clientId;
        private final Map<OutboundMessage, String> keys = new IdentityHashMap<>();

        Stored(String clientId) {
            this.clientId = clientId;
        }

        @Override
        public void saved(ClientInfo owner, long expirySeconds, long disconnectedAt) {
            sessions.put(clientId, Codec.session(new Codec.SessionRecord(owner.username(), owner.commonName(), owner.listener(),
                    expirySeconds, disconnectedAt)));
        }

        @Override
        public void subscribed(Subscription s) {
            subscriptions.put(clientId + SEP + s.filter(), Codec.subscription(s));
        }

        @Override
        public void unsubscribed(String filter) {
            subscriptions.remove(clientId + SEP + filter);
        }

        @Override
        public void added(OutboundMessage m) {
            if (m.qos() == 0) {
                return;
            }
            String key = clientId + SEP + zeroPadded(sequence.incrementAndGet(), 19);
            keys.put(m, key);
            messages.put(key, Codec.outbound(m));
        }

        @Override
        public void sent(OutboundMessage m, int packetId, boolean released) {
            String key = keys.get(m);
            if (key != null) {
                inflight.put(key, released ? -packetId : packetId);
            }
        }

        @Override
        public void removed(OutboundMessage m) {
            String key = keys.remove(m);
            if (key != null) {
                messages.remove(key);
                inflight.remove(key);
            }
        }

        @Override
        public void willPending(Will will, long deadline) {
            wills.put(clientId, Codec.will(will, deadline));
        }

        @Override
        public void willGone() {
            wills.remove(clientId);
        }

        @Override
        public void incomingQos2(int packetId) {
            incoming.put(incomingKey(packetId), packetId);
        }

        @Override
        public void incomingQos2Released(int packetId) {
            incoming.remove(incomingKey(packetId));
        }

        private String incomingKey(int packetId) {
            return clientId + SEP + zeroPadded(packetId, 5);
        }

        @Override
        public void ended() {
            keys.clear();
            forget(clientId);
        }
    }

    @Override
    public void close() {
        committer.close();
        boolean rewrite = mostlyDead();
        try {
            store.close(rewrite ? REWRITE_FULLY : 0);
        } catch (RuntimeException e) {
            LOG.warn("closing the store {}: {}", file, e.getMessage());
            return;
        }
        if (rewrite) {
            syncRewrittenFile();
        }
    }

    /**
     * The rewritten store replaced the old file by a rename; the new file's bytes and the
     * directory entry that names it are forced to disk here, so a power loss soon after a clean
     * stop finds the whole store under its name, whatever the file system delays.
     */
    private void syncRewrittenFile() {
        for (Path p : new Path[] {file, file.toAbsolutePath().getParent()}) {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                LOG.warn("syncing {} after rewriting the store: {}", p, e.getMessage());
            }
        }
    }
}
