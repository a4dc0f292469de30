package io.topicguard.jmh.bench;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Verdict;
import io.topicguard.testkit.reference.ReferenceEvaluator;
import io.topicguard.jmh.baseline.HashMapFloor;
import io.topicguard.jmh.baseline.MoquetteAcl;
import io.topicguard.jmh.policy.Query;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * What the publish, subscribe and deliver check benchmarks share: one {@link Query} asked of
 * topicguard and of the three baselines, the run configuration (JMH reads these annotations from
 * the superclass), and a setup that builds only the implementation the running method measures
 * and refuses to measure it when it answers the query wrongly.
 *
 * <p>A subclass declares the {@code @Param} that picks its query, calls {@link #prepare} from its
 * {@code @Setup}, and implements the four benchmark methods; their names are the ones
 * {@link Implementation} and the report pair up.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class CheckBenchmark {

    /** The size of the generated policy; every check is measured at the same sizes. */
    @Param({"10", "1000", "10000", "100000", "1000000"})
    public int rules;

    /** The question every implementation answers; set by {@link #prepare}. */
    protected Query query;
    /** The topicguard client bound to the compiled policy (docs/semantics.md, The client). */
    protected ClientBinding binding;
    /** Baseline (a). */
    protected HashMapFloor floor;
    /** Baseline (c). */
    protected MoquetteAcl moquette;
    /** Baseline (b). */
    protected ReferenceEvaluator reference;
    /** The client baseline (b) is asked about on every check: it has no binding step. */
    protected ClientInfo client;

    /**
     * Builds, for the generated policy of {@link #rules} rules, the implementation that the running
     * benchmark method measures, then checks that it answers {@code query} as generated.
     *
     * @param params the running benchmark, whose method name says which implementation to build
     * @param check  the check's name for an error message, e.g. {@code "publish"}
     */
    protected final void prepare(BenchmarkParams params, String check, Query query) {
        this.query = query;
        String what = check + " " + query;
        switch (Implementation.of(params)) {
            case TOPICGUARD -> {
                binding = Policies.compiled(rules).bind(query.clientInfo());
                Policies.expect(what, query.expected(), topicguard().verdict());
            }
            case FLOOR -> {
                floor = HashMapFloor.of(Policies.generated(rules));
                if (answersYesOrNo(query)) {
                    Policies.expect(what, query.expected(), hashMapFloor());
                }
            }
            case MOQUETTE -> {
                moquette = Policies.moquette(rules);
                if (answersYesOrNo(query)) {
                    Policies.expect(what, query.expected(), moquette());
                }
            }
            case REFERENCE -> {
                reference = Policies.reference(rules);
                client = query.clientInfo();
                Policies.expect(what, query.expected(), referenceEvaluator().verdict());
            }
        }
    }

    /**
     * The floor and Moquette answer only yes or no, so they are checked only on queries whose
     * expected verdict is one of those (a partial subscription, docs/semantics.md, Subscribe, is neither).
     */
    private static boolean answersYesOrNo(Query query) {
        return query.expected() != Verdict.PARTIAL;
    }

    /** The compiled policy. */
    public abstract Decision topicguard();

    /** Baseline (a): one hash lookup of the exact (username, topic or filter) pair. */
    public abstract boolean hashMapFloor();

    /** Baseline (b): a linear scan of the statements, re-evaluating every who-expression per question. */
    public abstract Decision referenceEvaluator();

    /** Baseline (c): Moquette's authorizator. */
    public abstract boolean moquette();
}
