package io.topicguard.jmh.bench;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.reference.ReferenceEvaluator;
import io.topicguard.engine.Verdict;
import io.topicguard.jmh.baseline.HashMapFloor;
import io.topicguard.jmh.baseline.MoquetteAcl;
import io.topicguard.jmh.policy.GeneratedPolicy;
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
 * The subscribe check (DESIGN.md §4.3) of a bound client whose rule is the last of the policy:
 * {@code allowed}, a filter the rule contains ({@code fleet/user-L/+/telemetry}), and
 * {@code partial}, a filter the rule only overlaps ({@code fleet/user-L/#}), which makes the
 * engine weigh every rule that overlaps it. The floor and Moquette answer yes or no and are
 * checked only on the allowed query.
 *
 * <p>Run: {@code java -jar jmh/target/benchmarks.jar SubscribeCheckBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SubscribeCheckBenchmark {

    @Param({"10", "1000", "10000", "100000", "1000000"})
    public int rules;

    @Param({"allowed", "partial"})
    public String shape;

    private Query query;
    private ClientBinding binding;
    private HashMapFloor floor;
    private MoquetteAcl moquette;
    private ReferenceEvaluator reference;
    private ClientInfo client;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        GeneratedPolicy generated = Policies.generated(rules);
        query = switch (shape) {
            case "allowed" -> generated.subscribeAllowed();
            case "partial" -> generated.subscribePartial();
            default -> throw new IllegalArgumentException("shape must be allowed or partial, got " + shape);
        };
        String what = "subscribe " + query;
        switch (Implementation.of(params)) {
            case TOPICGUARD -> {
                binding = Policies.compiled(rules).bind(query.clientInfo());
                Policies.expect(what, query.expected(), topicguard().verdict());
            }
            case FLOOR -> {
                floor = HashMapFloor.of(generated);
                if (query.expected() != Verdict.PARTIAL) {
                    Policies.expect(what, query.expected(), hashMapFloor());
                }
            }
            case MOQUETTE -> {
                moquette = Policies.moquette(rules);
                if (query.expected() != Verdict.PARTIAL) {
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

    @Benchmark
    public Decision topicguard() {
        return binding.subscribe(query.filter(), 1);
    }

    @Benchmark
    public boolean hashMapFloor() {
        return floor.allowed(query.username(), query.filter());
    }

    /** Baseline (b): a linear scan of the statements, re-evaluating every who-expression per question. */
    @Benchmark
    public Decision referenceEvaluator() {
        return reference.subscribe(client, query.filter(), 1);
    }

    @Benchmark
    public boolean moquette() {
        return moquette.canRead(query.filter(), query.username(), query.clientId());
    }
}
