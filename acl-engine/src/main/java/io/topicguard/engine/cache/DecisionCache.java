package io.topicguard.engine.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.Decision;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A bounded (Caffeine, size-evicted) cache of publish, subscribe and deliver decisions shared by
 * every client, with hit and miss counts.
 *
 * <pre>{@code
 * DecisionCache cache = new DecisionCache(100_000);
 * CachedBinding client = cache.wrap(policy.bind(info));   // again after every reload
 * Decision d = client.publish("devices/d1/up", 1, false);
 * }</pre>
 *
 * <p>Reload safety: entries are keyed by the wrapped binding's identity (a number drawn once per
 * {@link #wrap}), never by the client's attributes, so a binding of a newer policy cannot find an
 * entry an older policy's binding left. Connect decisions are not cached: bans compare with the
 * clock (docs/semantics.md, Superusers and bans). Thread-safe.
 */
public final class DecisionCache {

    private static final AtomicLong NEXT_BINDING_ID = new AtomicLong();

    private final Cache<DecisionKey, Decision> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final long maximumSize;

    /**
     * @param maximumSize the most decisions kept; least recently/frequently used ones are evicted
     * @throws IllegalArgumentException when {@code maximumSize} is not positive
     */
    public DecisionCache(long maximumSize) {
        if (maximumSize <= 0) {
            throw new IllegalArgumentException("maximumSize must be positive, got " + maximumSize);
        }
        this.maximumSize = maximumSize;
        // Caffeine's default executor runs maintenance on the common pool; run it on the caller
        // instead so the engine starts no threads (README.md, What is here).
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
    }

    /** A cached view of {@code binding}; wrap the new binding again after every policy reload. */
    public CachedBinding wrap(ClientBinding binding) {
        return new CachedBinding(this, Objects.requireNonNull(binding, "binding"), NEXT_BINDING_ID.incrementAndGet());
    }

    Decision get(DecisionKey key, Supplier<Decision> compute) {
        Decision cached = entries.getIfPresent(key);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        Decision fresh = compute.get();
        entries.put(key, fresh);
        return fresh;
    }

    /** Answers served from the cache since it was created. */
    public long hits() {
        return hits.sum();
    }

    /** Answers the engine had to compute since the cache was created. */
    public long misses() {
        return misses.sum();
    }

    /** Approximate number of entries held now. */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /** The bound given at construction. */
    public long maximumSize() {
        return maximumSize;
    }

    /** Drops every entry (e.g. after a reload, to free the old policy's entries at once). */
    public void clear() {
        entries.invalidateAll();
    }

    @Override
    public String toString() {
        return "DecisionCache[" + size() + "/" + maximumSize + " entries, " + hits() + " hits, " + misses() + " misses]";
    }
}
