package io.topicguard.jmh.bench;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Policy;
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

import java.util.concurrent.TimeUnit;

/**
 * Binding a client at CONNECT ({@link Policy#bind}): evaluating every who-expression that can
 * apply to it once (docs/semantics.md, The client), for the client of the first rule and of the last. Neither
 * baseline has such a step (Moquette and the floor look the username up on every check), so this
 * benchmark stands alone; the connect decision itself is included.
 *
 * <p>Run: {@code java -jar jmh/target/benchmarks.jar BindClientBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BindClientBenchmark {

    @Param({"10", "1000", "10000", "100000", "1000000"})
    public int rules;

    @Param({"EARLY", "LATE"})
    public Position position;

    private Policy policy;
    private ClientInfo client;

    @Setup(Level.Trial)
    public void setUp() {
        Query query = Policies.generated(rules).publish(position);
        client = query.clientInfo();
        policy = Policies.compiled(rules);
        if (!topicguard().connect().allowed()) {
            throw new IllegalStateException("the generated policy refuses the connect of " + client);
        }
    }

    @Benchmark
    public ClientBinding topicguard() {
        return policy.bind(client);
    }
}
