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
    void everyBenchmarkMethodRunsOneTinyIteration() throws RunnerException {
        Collection<RunResult> results = runTiny("io\\.topicguard\\.jmh\\.bench\\.");
        assertThat(methodsRun(results)).containsExactly(
                "BindClientBenchmark.topicguard",
                "DeliverCheckBenchmark.hashMapFloor", "DeliverCheckBenchmark.moquette",
                "DeliverCheckBenchmark.referenceEvaluator", "DeliverCheckBenchmark.topicguard",
                "ParseCompileBenchmark.moquette", "ParseCompileBenchmark.topicguard",
                "PublishCheckBenchmark.hashMapFloor", "PublishCheckBenchmark.moquette",
                "PublishCheckBenchmark.referenceEvaluator", "PublishCheckBenchmark.topicguard",
                "SubscribeCheckBenchmark.hashMapFloor", "SubscribeCheckBenchmark.moquette",
                "SubscribeCheckBenchmark.referenceEvaluator", "SubscribeCheckBenchmark.topicguard");
        // Every parameter combination ran: 4 implementations of 3 publish positions, 2 subscribe
        // shapes and 2 deliveries; 2 bound clients; 2 parsers.
        assertThat(results).hasSize(4 * 3 + 4 * 2 + 4 * 2 + 2 + 2);
    }
}
