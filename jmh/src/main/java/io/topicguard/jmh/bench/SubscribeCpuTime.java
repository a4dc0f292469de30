package io.topicguard.jmh.bench;

import io.topicguard.engine.ClientBinding;
import io.topicguard.jmh.baseline.MoquetteAcl;
import io.topicguard.jmh.policy.GeneratedPolicy;
import io.topicguard.jmh.policy.Query;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * {@link SubscribeCheckBenchmark}'s queries timed by the measuring thread's CPU time, not the wall
 * clock: on a machine shared with other work (and under {@code nice}), a JMH iteration's average
 * counts every moment the thread waited for a core, which here was most of them. Each round is
 * enough calls for about 20 ms of CPU; the report gives the best and the median round in ns per
 * check, topicguard and Moquette side by side. A rough tool for a loaded machine, not a
 * replacement for JMH on a quiet one.
 *
 * <p>Run: {@code java -cp jmh/target/benchmarks.jar io.topicguard.jmh.bench.SubscribeCpuTime [rules...]}
 */
public final class SubscribeCpuTime {

    private static final int ROUNDS = 25;
    private static final long ROUND_NANOS = 20_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SubscribeCpuTime() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {10, 1000, 10000, 100000, 1000000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("rules shape implementation best_ns median_ns");
        for (int rules : sizes) {
            GeneratedPolicy generated = Policies.generated(rules);
            MoquetteAcl moquette = Policies.moquette(rules);
            for (Query query : List.of(generated.subscribeAllowed(), generated.subscribePartial())) {
                ClientBinding binding = Policies.compiled(rules).bind(query.clientInfo());
                Policies.expect("subscribe " + query, query.expected(), binding.subscribe(query.filter(), 1).verdict());
                report(rules, query, "topicguard", calls -> topicguard(binding, query.filter(), calls));
                report(rules, query, "moquette", calls -> moquette(moquette, query, calls));
            }
        }
    }

    private interface Round {
        /** Makes {@code calls} checks and returns something of their answers, so none is optimized away. */
        int run(int calls);
    }

    private static int topicguard(ClientBinding binding, String filter, int calls) {
        int sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += binding.subscribe(filter, 1).verdict().ordinal();
        }
        return sum;
    }

    private static int moquette(MoquetteAcl moquette, Query query, int calls) {
        int sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += moquette.canRead(query.filter(), query.username(), query.clientId()) ? 1 : 0;
        }
        return sum;
    }

    private static void report(int rules, Query query, String implementation, Round round) {
        int calls = 1;
        while (cpuNanos(round, calls) < ROUND_NANOS / 4 && calls < (1 << 30)) {
            calls *= 2; // also the warm-up: the JIT compiles the loop while it grows
        }
        calls *= 4;
        for (int r = 0; r < ROUNDS / 5; r++) {
            cpuNanos(round, calls); // more warm-up: the first loops may still run on-stack-replaced code
        }
        double[] perCall = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            perCall[r] = (double) cpuNanos(round, calls) / calls;
        }
        Arrays.sort(perCall);
        System.out.printf("%d %s %s %.1f %.1f%n", rules, query.label(), implementation, perCall[0], perCall[ROUNDS / 2]);
    }

    private static int sink;

    private static long cpuNanos(Round round, int calls) {
        long start = THREADS.getCurrentThreadCpuTime();
        sink += round.run(calls);
        return THREADS.getCurrentThreadCpuTime() - start;
    }
}
