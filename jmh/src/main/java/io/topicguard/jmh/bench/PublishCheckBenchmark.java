package io.topicguard.jmh.bench;

import io.topicguard.engine.Decision;
import io.topicguard.jmh.policy.Position;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The publish check (docs/semantics.md, Publish) of a bound client, against the baselines on the same query:
 * a topic decided by the first rule, by the last rule, or by nothing (default deny). The policy
 * sizes ({@code rules}), state, setup and run configuration are {@link CheckBenchmark}'s.
 *
 * <p>Run: {@code java -jar jmh/target/benchmarks.jar PublishCheckBenchmark}
 * (fewer sizes: {@code -p rules=10,10000}).
 */
public class PublishCheckBenchmark extends CheckBenchmark {

    @Param({"EARLY", "LATE", "MISS"})
    public Position position;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        prepare(params, "publish", Policies.generated(rules).publish(position));
    }

    @Override
    @Benchmark
    public Decision topicguard() {
        return binding.publish(query.topic(), 1, false);
    }

    @Override
    @Benchmark
    public boolean hashMapFloor() {
        return floor.allowed(query.username(), query.topic());
    }

    /** Baseline (b): a linear scan of the statements, re-evaluating every who-expression per question. */
    @Override
    @Benchmark
    public Decision referenceEvaluator() {
        return reference.publish(client, query.topic(), 1, false);
    }

    @Override
    @Benchmark
    public boolean moquette() {
        return moquette.canWrite(query.topic(), query.username(), query.clientId());
    }
}
