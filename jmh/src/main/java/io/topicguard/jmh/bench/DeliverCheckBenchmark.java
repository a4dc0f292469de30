package io.topicguard.jmh.bench;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.reference.ReferenceEvaluator;
import io.topicguard.jmh.baseline.HashMapFloor;
import io.topicguard.jmh.baseline.MoquetteAcl;
import io.topicguard.jmh.policy.Position;
import io.topicguard.jmh.policy.Query;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * The delivery check (DESIGN.md §4.3) the broker makes for each message through a partial
 * subscription ({@code fleet/user-L/#}): of a telemetry message the last rule allows
 * ({@code LATE}), or of one no rule allows ({@code MISS}). The baselines check the topic as a read.
 *
 * <p>Run: {@code java -jar jmh/target/benchmarks.jar DeliverCheckBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DeliverCheckBenchmark {

    @Param({"10", "1000", "10000", "100000", "1000000"})
    public int rules;

    @Param({"LATE", "MISS"})
    public Position position;

    private Query query;
    private ClientBinding binding;
    private HashMapFloor floor;
    private MoquetteAcl moquette;
    private ReferenceEvaluator reference;
    private ClientInfo client;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        query = Policies.generated(rules).deliver(position);
        String what = "deliver " + query;
        switch (Implementation.of(params)) {
            case TOPICGUARD -> {
                binding = Policies.compiled(rules).bind(query.clientInfo());
                Policies.expect(what, query.expected(), topicguard().verdict());
            }
            case FLOOR -> {
                floor = HashMapFloor.of(Policies.generated(rules));
                Policies.expect(what, query.expected(), hashMapFloor());
            }
            case MOQUETTE -> {
                moquette = Policies.moquette(rules);
                Policies.expect(what, query.expected(), moquette());
            }
            case REFERENCE -> {
                reference = Policies.reference(rules);
                client = query.clientInfo();
                Policies.expect(what, query.expected(), referenceEvaluator().verdict());
            }
        }
    }

    @Benchmark
    public Decision topicguard() {
        return binding.deliver(query.filter(), 1, query.topic());
    }

    @Benchmark
    public boolean hashMapFloor() {
        return floor.allowed(query.username(), query.topic());
    }

    /** Baseline (b): a linear scan of the statements, re-evaluating every who-expression per question. */
    @Benchmark
    public Decision referenceEvaluator() {
        return reference.deliver(client, query.filter(), 1, query.topic());
    }

    @Benchmark
    public boolean moquette() {
        return moquette.canRead(query.topic(), query.username(), query.clientId());
    }
}
