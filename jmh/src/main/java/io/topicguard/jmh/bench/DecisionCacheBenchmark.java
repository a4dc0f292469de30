package io.topicguard.jmh.bench;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Verdict;
import io.topicguard.engine.cache.CachedBinding;
import io.topicguard.engine.cache.DecisionCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Baseline (d) of issue 4 and the measurement issue 5 asks for before the decision cache is turned
 * on anywhere by default: the same stream of questions asked of a bound client with the cache off
 * ({@link ClientBinding}) and on ({@link CachedBinding} over a {@link DecisionCache} of
 * {@value #CACHE_SIZE} entries), publish and subscribe.
 *
 * <p>The stream: {@code hitRatio}% of the questions go to a hot set of {@value #HOT_TOPICS} topics
 * that fits the cache, the rest to a cold pool of {@value #COLD_TOPICS} topics, cycled, so a cold
 * topic comes back only after far more distinct questions than the cache holds (a miss every time).
 * Topics have {@code depth} levels; {@code policy} is {@link CachePolicy#EXACT} (one applicable
 * rule) or {@link CachePolicy#REGEX} (hundreds of applicable rules through regex and CIDR
 * who-expressions). The teardown refuses a trial whose real hit ratio strays more than
 * {@value #HIT_RATIO_TOLERANCE} points from {@code hitRatio}, so a figure is never labelled with a
 * ratio it was not measured at.
 *
 * <p>Run: {@code java -jar jmh/target/benchmarks.jar DecisionCacheBenchmark}
 * (fewer combinations: {@code -p hitRatio=100,0 -p depth=11 -p policy=REGEX}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecisionCacheBenchmark {

    /** The cache's bound; the hot set and the cold pool are sized relative to it. */
    public static final int CACHE_SIZE = 10_000;
    /** Topics the hits go to: a tenth of the bound, so all of them stay cached. */
    public static final int HOT_TOPICS = CACHE_SIZE / 10;
    /** Topics the misses cycle through: so many that one is long evicted when it comes back. */
    public static final int COLD_TOPICS = CACHE_SIZE * 16;
    /** Percentage points the real hit ratio may stray from {@link #hitRatio}. */
    public static final int HIT_RATIO_TOLERANCE = 5;
    /** The stream is built in rounds of ten questions, so the hit ratio is a multiple of 10%. */
    private static final int ROUND = 10;
    private static final int STREAM_LENGTH = COLD_TOPICS * ROUND;

    /** Percent of questions whose answer is in the cache once warm: a multiple of 10. */
    @Param({"100", "90", "50", "0"})
    public int hitRatio;

    /** Levels per topic. */
    @Param({"3", "11", "30"})
    public int depth;

    @Param({"EXACT", "REGEX"})
    public CachePolicy policy;

    private ClientBinding binding;
    private DecisionCache cache;
    private CachedBinding cached;
    private String[] stream;
    private int next;
    private long hitsBefore;
    private long missesBefore;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        if (hitRatio < 0 || hitRatio > 100 || hitRatio % ROUND != 0) {
            throw new IllegalArgumentException("hitRatio must be a multiple of 10 from 0 to 100, got " + hitRatio);
        }
        if (depth < 3) {
            throw new IllegalArgumentException("depth must be at least 3 levels, got " + depth);
        }
        binding = policy.compile().bind(CachePolicy.client());
        cache = new DecisionCache(CACHE_SIZE);
        cached = cache.wrap(binding);
        stream = stream(hitRatio, depth);
        next = 0;
        // Refuse to measure a setup whose answers are not the ones the policy was written to give.
        for (String topic : new String[] {CachePolicy.topic(0, depth), CachePolicy.topic(HOT_TOPICS, depth)}) {
            expectAllowed(params, binding.publish(topic, 1, false), topic);
            expectAllowed(params, binding.subscribe(topic, 1), topic);
        }
        // Start warm: every hot question asked once, so that the hit ratio holds from the first
        // iteration on (a short run would otherwise be labelled 100% while paying the cold start).
        for (int i = 0; i < HOT_TOPICS; i++) {
            cached.publish(CachePolicy.topic(i, depth), 1, false);
            cached.subscribe(CachePolicy.topic(i, depth), 1);
        }
        hitsBefore = cache.hits();
        missesBefore = cache.misses();
    }

    /**
     * The question stream: in every round of ten, the first {@code hitRatio / 10} go to the hot set
     * in turn, the others to the cold pool in turn. Topic numbers below {@value #HOT_TOPICS} are hot.
     */
    static String[] stream(int hitRatio, int depth) {
        String[] hot = new String[HOT_TOPICS];
        for (int i = 0; i < HOT_TOPICS; i++) {
            hot[i] = CachePolicy.topic(i, depth);
        }
        String[] cold = new String[COLD_TOPICS];
        for (int i = 0; i < COLD_TOPICS; i++) {
            cold[i] = CachePolicy.topic(HOT_TOPICS + i, depth);
        }
        int hotPerRound = hitRatio / ROUND;
        String[] stream = new String[STREAM_LENGTH];
        int h = 0;
        int c = 0;
        for (int i = 0; i < STREAM_LENGTH; i++) {
            if (i % ROUND < hotPerRound) {
                stream[i] = hot[h++ % HOT_TOPICS];
            } else {
                stream[i] = cold[c++ % COLD_TOPICS];
            }
        }
        return stream;
    }

    private static void expectAllowed(BenchmarkParams params, Decision decision, String topic) {
        if (decision.verdict() != Verdict.ALLOW) {
            throw new IllegalStateException(params.getBenchmark() + " " + params.getParam("policy") + ": expected ALLOW for "
                    + topic + " but the engine answered " + decision.verdict());
        }
    }

    /** Refuses the trial when the hit ratio the cache really saw is not the one it is labelled with. */
    @TearDown(Level.Trial)
    public void checkHitRatio(BenchmarkParams params) {
        long hits = cache.hits() - hitsBefore;
        long asked = hits + cache.misses() - missesBefore;
        if (asked == 0) {
            return; // a cache-off method: the cache was never asked
        }
        double measured = 100.0 * hits / asked;
        if (Math.abs(measured - hitRatio) > HIT_RATIO_TOLERANCE) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s: asked for a %d%% hit ratio but the cache answered %.1f%% of %d questions from memory",
                    params.getBenchmark(), hitRatio, measured, asked));
        }
    }

    private String nextTopic() {
        String topic = stream[next];
        next = next + 1 == stream.length ? 0 : next + 1;
        return topic;
    }

    @Benchmark
    public Decision publishCacheOff() {
        return binding.publish(nextTopic(), 1, false);
    }

    @Benchmark
    public Decision publishCacheOn() {
        return cached.publish(nextTopic(), 1, false);
    }

    @Benchmark
    public Decision subscribeCacheOff() {
        return binding.subscribe(nextTopic(), 1);
    }

    @Benchmark
    public Decision subscribeCacheOn() {
        return cached.subscribe(nextTopic(), 1);
    }
}
