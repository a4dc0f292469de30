package io.topicguard.jmh.report;

import io.topicguard.jmh.footprint.CompileFootprint.Footprint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EngineTargetsTest {

    private static final String SETTINGS = "mode avgt, 1 fork(s), warmup 2 × 500 ms, measurement 3 × 500 ms, 1 thread(s)";

    private static JmhResult result(String benchmark, String method, Map<String, String> params, double score, String unit) {
        return new JmhResult(benchmark, method, params, score, score / 10, unit, SETTINGS);
    }

    private static JmhResult subscribe(String method, int rules, String shape, double ns) {
        return result("SubscribeCheckBenchmark", method, Map.of("rules", Integer.toString(rules), "shape", shape), ns, "ns/op");
    }

    private static JmhResult bind(int rules, String position, double ns) {
        return result("BindClientBenchmark", "topicguard", Map.of("rules", Integer.toString(rules), "position", position), ns, "ns/op");
    }

    private static JmhResult parse(String method, int rules, double us) {
        return result("ParseCompileBenchmark", method, Map.of("rules", Integer.toString(rules)), us, "us/op");
    }

    private static JmhResult cache(String method, int depth, int hitRatio, double ns, double error) {
        return new JmhResult("DecisionCacheBenchmark", method, Map.of("depth", Integer.toString(depth), "hitRatio",
                Integer.toString(hitRatio), "policy", "REGEX"), ns, error, "ns/op", SETTINGS);
    }

    private static Map<String, Target> judge(List<JmhResult> jmh, Footprint footprint) {
        Map<String, Target> byGoal = new java.util.TreeMap<>();
        new EngineTargets(jmh, footprint).judge().forEach(t -> byGoal.put(t.goal(), t));
        return byGoal;
    }

    private static Target goal(Map<String, Target> targets, String prefix) {
        return targets.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no target starting " + prefix + " in " + targets.keySet()));
    }

    @Test
    void theWorstRuleCountDecidesTheSubscribeAndBindGoals() {
        List<JmhResult> jmh = new ArrayList<>(List.of(
                subscribe("topicguard", 10, "allowed", 90), subscribe("topicguard", 100_000, "allowed", 151),
                subscribe("topicguard", 10, "partial", 120), subscribe("topicguard", 100_000, "partial", 290),
                bind(10, "EARLY", 150), bind(1_000_000, "EARLY", 300), bind(1_000_000, "LATE", 4_900)));
        Map<String, Target> targets = judge(jmh, null);
        assertThat(goal(targets, "subscribe check, allowed").met()).isFalse();
        assertThat(goal(targets, "subscribe check, allowed").measured()).startsWith("worst 151 ns at 100,000 rules");
        assertThat(goal(targets, "subscribe check, partial").met()).isTrue();
        assertThat(goal(targets, "bind a client").met()).isTrue();
        assertThat(goal(targets, "bind a client").measured()).isEqualTo("worst 4,900 ns (late); at 10 rules 150 ns");

        jmh.add(bind(1_000_000, "MISS", 5_001));
        assertThat(goal(judge(jmh, null), "bind a client").met()).isFalse();
    }

    @Test
    void aheadOfMoquetteMeansAtEveryRowBothMeasured() {
        List<JmhResult> jmh = List.of(
                subscribe("topicguard", 10, "partial", 100), subscribe("moquette", 10, "partial", 101),
                subscribe("topicguard", 10, "allowed", 100), subscribe("moquette", 10, "allowed", 99),
                parse("topicguard", 10, 20), parse("moquette", 10, 30), parse("topicguard", 1_000, 2_000));
        Map<String, Target> targets = judge(jmh, null);
        assertThat(goal(targets, "subscribe check faster than Moquette").met()).isFalse();
        assertThat(goal(targets, "subscribe check faster than Moquette").measured()).contains("10 allowed 0.990×");
        assertThat(goal(targets, "parse + compile faster").met()).isTrue();

        Footprint slowAtAMillion = new Footprint(1_000_000, 1.0, 1.5, 2.5, 2.4, 390L << 20, 8L << 30, 2.0);
        Map<String, Target> withFootprint = judge(jmh, slowAtAMillion);
        assertThat(goal(withFootprint, "parse + compile faster").met()).isFalse();
        assertThat(goal(withFootprint, "parse + compile faster").measured()).endsWith("1,000,000 rules once: 0.800× (2.50 vs 2.00 s)");
        assertThat(goal(withFootprint, "parse + compile of 1,000,000 rules ≤ 3 s").met()).isTrue();
        assertThat(goal(withFootprint, "compiled 1,000,000-rule policy retains ≤ 400 MiB").met()).isTrue();
    }

    @Test
    void theCachePaysOnlyWhereItIsFasterBeyondBothErrorsAtEveryDepth() {
        List<JmhResult> jmh = new ArrayList<>(List.of(
                cache("publishCacheOff", 3, 90, 300, 10), cache("publishCacheOn", 3, 90, 60, 5),
                cache("publishCacheOff", 3, 100, 300, 10), cache("publishCacheOn", 3, 100, 20, 5),
                // Below 90 % the goal does not ask.
                cache("publishCacheOff", 3, 50, 300, 10), cache("publishCacheOn", 3, 50, 900, 5)));
        assertThat(goal(judge(jmh, null), "decision cache pays").met()).isTrue();
        jmh.add(cache("publishCacheOff", 30, 90, 300, 10));
        jmh.add(cache("publishCacheOn", 30, 90, 280, 30));
        assertThat(goal(judge(jmh, null), "decision cache pays").met()).isFalse();
    }

    @Test
    void goalsWithoutFiguresAreNotMeasured() {
        assertThat(judge(List.of(), null).values()).allSatisfy(t -> assertThat(t.met()).isNull());
    }
}
