package io.topicguard.jmh.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
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

    private static ChainedOptionsBuilder tiny(String include) {
        return new OptionsBuilder()
                .include(include)
                .forks(0)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
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
        // The decision cache benchmark has no rule count; it has its own test below.
        Collection<RunResult> results = run(tiny("io\\.topicguard\\.jmh\\.bench\\.").exclude("DecisionCacheBenchmark")
                .exclude("AuthzServiceBenchmark").param("rules", "10"));
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

    @Test
    void decisionCacheBenchmarkRunsEveryMethodAtTheSmallestDepthForBothPoliciesAndExtremeHitRatios() throws RunnerException {
        // The teardown fails a trial whose real hit ratio strays from the parameter, so this also
        // proves the question stream gives the ratios it is labelled with.
        Collection<RunResult> results = run(tiny("io\\.topicguard\\.jmh\\.bench\\.DecisionCacheBenchmark\\.")
                .param("hitRatio", "100", "0").param("depth", "3"));
        assertThat(methodsRun(results)).containsExactly(
                "DecisionCacheBenchmark.publishCacheOff", "DecisionCacheBenchmark.publishCacheOn",
                "DecisionCacheBenchmark.subscribeCacheOff", "DecisionCacheBenchmark.subscribeCacheOn");
        assertThat(results).hasSize(4 * 2 * 2);
    }

    @Test
    void authzServiceBenchmarkRunsEveryMethodOverHttpAndInProcess() throws RunnerException {
        // Its setup refuses a service that answers differently from the engine; 1 rule is its own policy.
        Collection<RunResult> results = run(tiny("io\\.topicguard\\.jmh\\.bench\\.AuthzServiceBenchmark\\.").param("rules", "1", "10"));
        assertThat(methodsRun(results)).containsExactly("AuthzServiceBenchmark.emqxAuthz", "AuthzServiceBenchmark.inProcessEmqx",
                "AuthzServiceBenchmark.inProcessMosquitto", "AuthzServiceBenchmark.mosquittoAcl");
        // 4 methods, 2 rule counts, 2 modes (throughput and sample time).
        assertThat(results).hasSize(4 * 2 * 2);
    }
}
