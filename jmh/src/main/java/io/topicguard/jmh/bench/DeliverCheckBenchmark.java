package io.topicguard.jmh.bench;

import io.topicguard.engine.Decision;
import io.topicguard.engine.Subscription;
import io.topicguard.jmh.policy.Position;
import io.topicguard.jmh.policy.Query;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The delivery check (docs/semantics.md, Deliver) the broker makes for each message through a partial
 * subscription ({@code fleet/user-L/#}): of a telemetry message the last rule allows
 * ({@code LATE}), or of one no rule allows ({@code MISS}). The baselines check the topic as a read.
 * The policy sizes ({@code rules}), state, setup and run configuration are
 * {@link CheckBenchmark}'s.
 *
 * <p>Run: {@code java -jar jmh/target/benchmarks.jar DeliverCheckBenchmark}
 */
public class DeliverCheckBenchmark extends CheckBenchmark {

    @Param({"LATE", "MISS"})
    public Position position;

    /** Granted once, as a broker does when the client subscribes. */
    private Subscription subscription;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        Query delivery = Policies.generated(rules).deliver(position);
        subscription = Subscription.of(delivery.filter(), 1);
        prepare(params, "deliver", delivery);
    }

    @Override
    @Benchmark
    public Decision topicguard() {
        return binding.deliver(query.topic(), subscription);
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
        return reference.deliver(client, query.filter(), 1, query.topic());
    }

    @Override
    @Benchmark
    public boolean moquette() {
        return moquette.canRead(query.topic(), query.username(), query.clientId());
    }
}
