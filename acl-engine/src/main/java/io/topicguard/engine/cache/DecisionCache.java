package io.topicguard.engine.cache;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.Decision;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded cache of publish, subscribe and deliver decisions shared by every client, with hit and
 * miss counts.
 *
 * <pre>{@code
 * DecisionCache cache = new DecisionCache(100_000);
 * CachedBinding client = cache.wrap(policy.bind(info));   // again after every reload
 * Decision d = client.publish("devices/d1/up", 1, false);
 * }</pre>
 *
 * <p>Why not Caffeine (the first version): a check costs the engine 50–300 ns, so a cache pays
 * only if a miss costs little more than the check it stores. Caffeine's miss is a put, and every
 * put of a full cache runs its eviction maintenance (on the calling thread with
 * {@code executor(Runnable::run)}, which keeps the engine free of threads): 1.3–4.8 µs per miss
 * on a 2-core machine, 2.5 µs with its default ForkJoinPool executor (issue 20, item 4). So this is
 * a set-associative cache as CPUs build them: a key hashes to one set of {@value #WAYS} slots;
 * a lookup compares at most those; a miss overwrites a slot of its set that was not hit since its
 * CLOCK hand last passed (second chance), with no global structure to maintain. A miss costs one
 * entry allocation, a hit no allocation at all.
 *
 * <p>Reload safety: entries are keyed by the wrapped binding's identity (a number drawn once per
 * {@link #wrap}), never by the client's attributes, so a binding of a newer policy cannot find an
 * entry an older policy's binding left. Connect decisions are not cached: bans compare with the
 * clock (docs/semantics.md, Superusers and bans).
 *
 * <p>Thread-safe without locks: slots hold immutable entries (final fields, so a racing reader sees
 * a whole entry or none), and two threads storing into one slot at once only lose one of two
 * equally valid answers. The "hit" mark and the hands are benign races: it only steers eviction.
 */
public final class DecisionCache {

    private static final AtomicLong NEXT_BINDING_ID = new AtomicLong();
    /** Slots per set: enough that a hot entry is rarely pushed out by its set's other keys. */
    static final int WAYS = 4;

    private final Entry[] slots;
    /** Per set, the way its CLOCK hand points at. */
    private final byte[] hands;
    private final int sets;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final long maximumSize;

    /**
     * @param maximumSize the most decisions kept (rounded down to a multiple of {@value #WAYS},
     *                    at least {@value #WAYS}); decisions not asked again are overwritten first
     * @throws IllegalArgumentException when {@code maximumSize} is not positive or above 2^30
     */
    public DecisionCache(long maximumSize) {
        if (maximumSize <= 0 || maximumSize > 1 << 30) {
            throw new IllegalArgumentException("maximumSize must be between 1 and 2^30, got " + maximumSize);
        }
        this.maximumSize = maximumSize;
        this.sets = (int) Math.max(1, maximumSize / WAYS);
        this.slots = new Entry[sets * WAYS];
        this.hands = new byte[sets];
    }

    /** A cached view of {@code binding}; wrap the new binding again after every policy reload. */
    public CachedBinding wrap(ClientBinding binding) {
        return new CachedBinding(this, Objects.requireNonNull(binding, "binding"), NEXT_BINDING_ID.incrementAndGet());
    }

    /**
     * The cached decision for the question (binding, action, first, second, qos, retain), counted as
     * a hit, or null. Split from {@link #store} so that a hit allocates nothing (no key, no lambda).
     */
    @Nullable Decision find(long bindingId, char action, String first, @Nullable String second, int qos, boolean retain) {
        int hash = hash(bindingId, action, first, second, qos, retain);
        int base = set(hash) * WAYS;
        for (int way = 0; way < WAYS; way++) {
            Entry entry = slots[base + way];
            if (entry != null && entry.hash == hash && entry.is(bindingId, action, first, second, qos, retain)) {
                if (!entry.hitSinceFilled) {
                    entry.hitSinceFilled = true;
                }
                hits.increment();
                return entry.decision;
            }
        }
        return null;
    }

    /** Stores the decision the engine computed after {@link #find} missed, counted as a miss. */
    Decision store(long bindingId, char action, String first, @Nullable String second, int qos, boolean retain,
                   Decision decision) {
        misses.increment();
        int hash = hash(bindingId, action, first, second, qos, retain);
        int set = set(hash);
        int base = set * WAYS;
        slots[base + victim(set, base)] = new Entry(hash, bindingId, action, first, second, qos, retain, decision);
        return decision;
    }

    /**
     * The slot of the set to overwrite, by CLOCK: from the set's hand onwards, the first slot empty
     * or not hit since the hand last passed it, clearing the marks it passes (a second chance).
     * The hand stops after the victim, so the entry just stored is the last one looked at next time.
     */
    private int victim(int set, int base) {
        int hand = hands[set];
        for (int step = 0; ; step++) {
            int way = (hand + step) % WAYS;
            Entry entry = slots[base + way];
            if (entry == null || !entry.hitSinceFilled) {
                hands[set] = (byte) ((way + 1) % WAYS);
                return way;
            }
            entry.hitSinceFilled = false; // after one full turn every mark is cleared, so this ends
        }
    }

    private static int hash(long bindingId, char action, String first, @Nullable String second, int qos, boolean retain) {
        int h = Long.hashCode(bindingId);
        h = 31 * h + action;
        h = 31 * h + first.hashCode();
        h = 31 * h + (second == null ? 0 : second.hashCode());
        h = 31 * h + qos;
        return 31 * h + (retain ? 1 : 0);
    }

    /** The set of a hash: its bits spread (as HashMap does) and mapped onto the sets without a division. */
    private int set(int hash) {
        int spread = hash * 0x9E3779B9;
        return (int) (((spread ^ (spread >>> 16)) & 0xffffffffL) * sets >>> 32);
    }

    /** Answers served from the cache since it was created. */
    public long hits() {
        return hits.sum();
    }

    /** Answers the engine had to compute since the cache was created. */
    public long misses() {
        return misses.sum();
    }

    /** Number of entries held now (a scan of the slots: for metrics and tests, not for every check). */
    public long size() {
        long n = 0;
        for (Entry entry : slots) {
            if (entry != null) {
                n++;
            }
        }
        return n;
    }

    /** The bound given at construction. */
    public long maximumSize() {
        return maximumSize;
    }

    /** Drops every entry (e.g. after a reload, to free the old policy's entries at once). */
    public void clear() {
        Arrays.fill(slots, null);
    }

    @Override
    public String toString() {
        return "DecisionCache[" + size() + "/" + maximumSize + " entries, " + hits() + " hits, " + misses() + " misses]";
    }

    /** One cached answer and the question it answers. Immutable but for the eviction mark. */
    private static final class Entry {
        final int hash;
        final long bindingId;
        final char action;
        final String first;
        final @Nullable String second;
        final int qos;
        final boolean retain;
        final Decision decision;
        boolean hitSinceFilled;

        Entry(int hash, long bindingId, char action, String first, @Nullable String second, int qos, boolean retain,
              Decision decision) {
            this.hash = hash;
            this.bindingId = bindingId;
            this.action = action;
            this.first = first;
            this.second = second;
            this.qos = qos;
            this.retain = retain;
            this.decision = decision;
        }

        boolean is(long bindingId, char action, String first, @Nullable String second, int qos, boolean retain) {
            return this.bindingId == bindingId && this.action == action && this.qos == qos && this.retain == retain
                    && this.first.equals(first) && Objects.equals(this.second, second);
        }
    }
}
