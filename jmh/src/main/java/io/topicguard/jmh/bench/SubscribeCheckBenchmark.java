package io.topicguard.jmh.bench;

import io.topicguard.engine.Decision;
import io.topicguard.jmh.policy.GeneratedPolicy;
import io.topicguard.jmh.policy.Query;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The subscribe check (docs/semantics.md, Subscribe) of a bound client whose rule is the last of the policy:
 * {@code allowed}, a filter the rule contains ({@code fleet/user-L/+/telemetry}), and
 * {@code partial}, a filter the rule only overlaps ({@code fleet/user-L/#}), which makes the
 * engine weigh every rule that overlaps it. The floor and Moquette answer yes or no and are
 * checked only on the allowed query. The policy sizes ({@code rules}), state, setup and run
 * configuration are {@link CheckBenchmark}'s.
 *
 * <p>Run: {@code java -jar jmh/target/benchmarks.jar SubscribeCheckBenchmark}
 */
public class SubscribeCheckBenchmark extends CheckBenchmark {

    @Param({"allowed", "partial"})
    public String shape;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        GeneratedPolicy generated = Policies.generated(rules);
        Query subscribe = switch (shape) {
            case "allowed" -> generated.subscribeAllowed();
            case "partial" -> generated.subscribePartial();
            default -> throw new IllegalArgumentException("shape must be allowed or partial, got " + shape);
        };
        prepare(params, "subscribe", subscribe);
    }

    @Override
    @Benchmark
    public Decision topicguard() {
        return binding.subscribe(query.filter(), 1);
    }

    @Override
    @Benchmark
    public boolean hashMapFloor() {
        return floor.allowed(query.username(), query.filter());
    }

    /** Baseline (b): a linear scan of the statements, re-evaluating every who-expression per question. */
    @Override
    @Benchmark
    public Decision referenceEvaluator() {
        return reference.subscribe(client, query.filter(), 1);
    }

    @Override
    @Benchmark
    public boolean moquette() {
        return moquette.canRead(query.filter(), query.username(), query.clientId());
    }
}
