package io.topicguard.jmh.bench;

import io.topicguard.engine.Policy;
import io.topicguard.jmh.baseline.MoquetteAcl;
import io.topicguard.jmh.policy.GeneratedPolicy;
import io.topicguard.jmh.policy.MoquetteAclFormat;
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
 * Loading a policy from text: topicguard parses, validates and compiles it into tries; Moquette
 * parses its (smaller: see {@link MoquetteAclFormat}) translation into lists. The 1,000,000-rule
 * load is measured, with its retained heap, by {@link io.topicguard.jmh.footprint.CompileFootprint}
 * (one load takes seconds, too long for JMH iterations on a 2-core machine).
 *
 * <p>Run: {@code java -jar jmh/target/benchmarks.jar ParseCompileBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ParseCompileBenchmark {

    @Param({"10", "1000", "10000", "100000"})
    public int rules;

    private String text;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        GeneratedPolicy generated = Policies.generated(rules);
        text = switch (Implementation.of(params)) {
            case TOPICGUARD -> generated.policyText();
            case MOQUETTE -> MoquetteAclFormat.write(generated.rules());
            case FLOOR, REFERENCE -> throw new IllegalStateException("no such benchmark in this class");
        };
    }

    @Benchmark
    public Policy topicguard() {
        return Policies.compile(text, rules);
    }

    @Benchmark
    public MoquetteAcl moquette() {
        return MoquetteAcl.parse(text);
    }
}
