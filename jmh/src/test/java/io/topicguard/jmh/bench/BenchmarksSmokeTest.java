package io.topicguard.jmh.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs benchmark methods for one tiny iteration in this JVM, at the smallest rule count, so that
 * none of them can rot: a setup that throws, or an implementation that answers a query wrongly
 * (each setup checks), fails the build. Not a measurement.
 */
class BenchmarksSmokeTest {

    private static Collection<RunResult> runTiny(String include) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(include)
                .forks(0)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                .param("rules", "10")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        return new Runner(options).run();
    }

    private static Set<String> methodsRun(Collection<RunResult> results) {
        Set<String> names = new TreeSet<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            names.add(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1));
            assertThat(result.getPrimaryResult().getScore()).as(benchmark + " " + result.getParams()).isPositive();
        }
        return names;
    }

    @Test
    void everyBaselineBenchmarkRunsOneTinyIteration() throws RunnerException {
        Collection<RunResult> results = runTiny("io\\.topicguard\\.jmh\\.bench\\..*\\.(hashMapFloor|moquette)$");
        assertThat(methodsRun(results)).containsExactly(
                "DeliverCheckBenchmark.hashMapFloor", "DeliverCheckBenchmark.moquette",
                "ParseCompileBenchmark.moquette",
                "PublishCheckBenchmark.hashMapFloor", "PublishCheckBenchmark.moquette",
                "SubscribeCheckBenchmark.hashMapFloor", "SubscribeCheckBenchmark.moquette");
        // Every parameter combination ran: 3 publish positions, 2 subscribe shapes, 2 deliveries, 1 parse.
        assertThat(results).hasSize(2 * 3 + 2 * 2 + 2 * 2 + 1);
    }
}
