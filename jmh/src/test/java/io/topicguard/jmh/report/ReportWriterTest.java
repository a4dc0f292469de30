package io.topicguard.jmh.report;

import io.topicguard.jmh.footprint.CompileFootprint.Footprint;
import io.topicguard.jmh.load.LoadResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    private static final String SETTINGS = "mode avgt, 1 fork(s), warmup 2 × 500 ms, measurement 3 × 500 ms, 1 thread(s)";

    private static JmhResult publish(String method, int rules, String position, double score) {
        return new JmhResult("PublishCheckBenchmark", method, Map.of("rules", Integer.toString(rules), "position", position),
                score, score / 10, "ns/op", SETTINGS);
    }

    private static List<JmhResult> publishResults(double topicguardAtMillion) {
        List<JmhResult> results = new ArrayList<>();
        for (String position : List.of("EARLY", "LATE", "MISS")) {
            results.add(publish("topicguard", 10, position, 50));
            results.add(publish("topicguard", 1_000, position, 55));
            results.add(publish("topicguard", 10_000, position, 60));
            results.add(publish("topicguard", 1_000_000, position, topicguardAtMillion));
            results.add(publish("hashMapFloor", 1_000_000, position, 30));
            results.add(publish("moquette", 1_000, position, 5_000));
        }
        return results;
    }

    private static String report(List<JmhResult> jmh, List<LoadResult> load, Footprint footprint) {
        Machine machine = new Machine(2, "Test CPU", "8.0 GiB", "Test JDK 17", "Linux");
        return ReportWriter.write(new ReportWriter.Inputs(machine, "short", 42, Instant.parse("2026-01-01T00:00:00Z"),
                jmh, load, Map.of("pairs", "4", "window", "100", "warmup", "1", "seconds", "3"), footprint));
    }

    @Test
    void writesMachineSettingsAndOneTablePerBenchmarkFromTheInputs() {
        String md = report(publishResults(80), List.of(), null);
        assertThat(md).contains("| CPU | Test CPU (2 available processors) |").contains("| JDK | Test JDK 17 |")
                .contains(SETTINGS).contains("profile **short**, 42 s")
                .contains("## Publish check (DESIGN.md §4.2)")
                .contains("| rules | position | topicguard (ns/op) | HashMap floor (ns/op) | Moquette 0.17 (ns/op) | topicguard ÷ floor | Moquette 0.17 ÷ topicguard |")
                .contains("| 1,000,000 | early | 80.0 ± 8.00 | 30.0 ± 3.00 | – | 2.67× | – |")
                .contains("| 1,000 | late | 55.0 ± 5.50 | – | 5,000 ± 500 | – | 90.9× |");
    }

    @Test
    void marksTargetsMetAndMissedFromTheFigures() {
        String met = report(publishResults(80), List.of(), null);
        assertThat(met).contains("| publish check at 1,000,000 rules ≤ 5× the HashMap floor | early 2.67×; late 2.67×; miss 2.67× | **met** |")
                .contains("| publish check at 1,000,000 rules ≤ 2× the same check at 10 rules | early 1.60×; late 1.60×; miss 1.60× | **met** |")
                .contains("| ≥ 20× faster than Moquette at 1,000 rules | early 90.9×; late 90.9×; miss 90.9× | **met** |");
        String missed = report(publishResults(200), List.of(), null);
        assertThat(missed).contains("| publish check at 1,000,000 rules ≤ 5× the HashMap floor | early 6.67×; late 6.67×; miss 6.67× | **missed** |")
                .contains("| publish check at 1,000,000 rules ≤ 2× the same check at 10 rules | early 4.00×; late 4.00×; miss 4.00× | **missed** |");
    }

    @Test
    void targetsWithoutFiguresAreNotMeasuredRatherThanMet() {
        String md = report(List.of(), List.of(), null);
        assertThat(md).contains("| ≥ 100× faster than the linear reference at 10,000 rules (late hit, miss) | no referenceEvaluator at 10000 rules (late) in this run | not measured |")
                .contains("| parse + compile of 1,000,000 rules ≤ 10 s | no 1,000,000-rule footprint run | not measured |")
                .contains("## Decision cache on and off (baseline (d); issue 5)\n\nNot measured in this run.")
                .doesNotContain("**met**");
    }

    @Test
    void judgesFootprintAndLoadTargets() {
        Footprint footprint = new Footprint(1_000_000, 3.0, 4.5, 7.5, 7.0, 700L << 20, 4L << 30);
        List<LoadResult> load = List.of(
                new LoadResult("topicguard", 1, 1, 4, 3, 30_000, 10_000, 900, 2_000, null),
                new LoadResult("topicguard", 100_000, 1, 4, 3, 28_500, 9_500, 950, 2_100, null),
                new LoadResult("mosquitto", 1, 1, 4, 3, 36_000, 12_000, 800, 1_900, null),
                new LoadResult("topicguard", 10_000, 0, 4, 3, 30_000, 10_000, 900, 2_000, null),
                new LoadResult("mosquitto", 10_000, 0, 4, 3, 0, 0, -1, -1, "publisher 0 stalled"));
        String md = report(List.of(), load, footprint);
        assertThat(md).contains("| parse + compile of 1,000,000 rules ≤ 10 s | 7.50 s (parse 3.00 s, compile 4.50 s) | **met** |")
                .contains("| compiled 1,000,000-rule policy retains ≤ 1 GiB of heap | 700.0 MiB retained | **met** |")
                .contains("| 3.00 | 4.50 | 7.50 | 7.00 | 700.0 MiB | 4,096.0 MiB |")
                .contains("| broker throughput at 100,000 rules ≥ 90% of the one-rule policy, QoS 1 | 0.950× (9500 vs 10000 msg/s) | **met** |")
                .contains("| broker throughput ≥ 1× mosquitto at one rule, QoS 1 | 0.833× (10000 vs 12000 msg/s) | **missed** |")
                .contains("| broker throughput ≥ 20× mosquitto at 10,000 rules, QoS 0 | no usable run of mosquitto at 10000 rule(s), QoS 0 | not measured |")
                .contains("| mosquitto | 10,000 | 0 | 0.000 | – | – | – |  | publisher 0 stalled |");
    }

    private static JmhResult cache(String method, String policy, int depth, int hitRatio, double score, double error) {
        return new JmhResult("DecisionCacheBenchmark", method,
                Map.of("policy", policy, "depth", Integer.toString(depth), "hitRatio", Integer.toString(hitRatio)),
                score, error, "ns/op", SETTINGS);
    }

    @Test
    void decisionCacheSectionPairsOffWithOnAndJudgesOnlyDifferencesBeyondTheErrors() {
        List<JmhResult> jmh = List.of(
                cache("publishCacheOff", "REGEX", 30, 100, 900, 50),
                cache("publishCacheOn", "REGEX", 30, 100, 40, 5),
                cache("publishCacheOff", "REGEX", 30, 0, 900, 50),
                cache("publishCacheOn", "REGEX", 30, 0, 1_500, 100),
                cache("publishCacheOff", "EXACT", 3, 50, 100, 30),
                cache("publishCacheOn", "EXACT", 3, 50, 80, 10),
                cache("subscribeCacheOff", "EXACT", 11, 90, 200, 10));
        String md = report(jmh, List.of(), null);
        assertThat(md).contains("## Decision cache on and off (baseline (d); issue 5)")
                .contains("a `DecisionCache` of 10,000 entries").contains("hot set of 1,000 topics")
                .contains("| check | policy | depth | hit ratio | cache off (ns/op) | cache on (ns/op) | on ÷ off | verdict |")
                .contains("| publish | exact | 3 | 50 % | 100 ± 30.0 | 80.0 ± 10.0 | 0.800× | no difference beyond the error |\n"
                        + "| publish | regex | 30 | 100 % | 900 ± 50.0 | 40.0 ± 5.00 | 0.044× | cache pays |\n"
                        + "| publish | regex | 30 | 0 % | 900 ± 50.0 | 1,500 ± 100 | 1.67× | cache costs |\n"
                        + "| subscribe | exact | 11 | 90 % | 200 ± 10.0 | – | – | – |\n")
                .contains("The cache pays in 1 of 3 combinations measured.")
                // Its results pair off with on: no generic topicguard-versus-baselines table for them.
                .doesNotContain("`DecisionCacheBenchmark`; run alone")
                .doesNotContain("Not measured in this run.\n\n## Parse");
    }
}
