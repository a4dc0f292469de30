package io.topicguard.jmh.report;

import io.topicguard.jmh.footprint.CompileFootprint.Footprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Judges a run against the engine goals of issue 20 (items 1–4): binding flat up to 1,000,000
 * rules, parse + compile of 1,000,000 rules in time and heap and ahead of Moquette's parser, the
 * subscribe check near the floor and ahead of Moquette, and a decision cache that pays where it is
 * meant to. "At every rule count" means every count the run measured, and the worst of them
 * decides; a goal whose figures the run lacks is "not measured", never met.
 */
final class EngineTargets {

    static final String HEADING = "Targets (issue 20, engine)";

    private static final String SUBSCRIBE = "SubscribeCheckBenchmark";
    private static final String BIND = "BindClientBenchmark";
    private static final String PARSE = "ParseCompileBenchmark";
    private static final long MIB = 1L << 20;

    private final List<JmhResult> jmh;
    private final Footprint footprint;

    EngineTargets(List<JmhResult> jmh, Footprint footprint) {
        this.jmh = jmh;
        this.footprint = footprint;
    }

    List<Target> judge() {
        List<Target> targets = new ArrayList<>();
        targets.add(bind());
        targets.add(subscribeAtMost("allowed", 150));
        targets.add(subscribeAtMost("partial", 300));
        targets.add(subscribeAheadOfMoquette());
        targets.add(compileTime());
        targets.add(retainedHeap());
        targets.add(parseAheadOfMoquette());
        targets.add(cachePays());
        return targets;
    }

    /** Item 1: the worst client position at 1,000,000 rules. */
    private Target bind() {
        String goal = "bind a client at 1,000,000 rules ≤ 5 µs (item 1)";
        List<JmhResult> results = select(BIND, "topicguard", r -> r.rules() == 1_000_000);
        if (results.isEmpty()) {
            return Target.notMeasured(goal, "no BindClientBenchmark at 1,000,000 rules in this run");
        }
        JmhResult worst = worst(results);
        String measured = "worst " + ns(worst) + " (" + position(worst) + ")" + flatness(BIND);
        return new Target(goal, measured, nanos(worst) <= 5_000);
    }

    /** Item 3: every rule count's check of one shape within the limit. */
    private Target subscribeAtMost(String shape, double limitNs) {
        String goal = "subscribe check, " + shape + ", ≤ " + (int) limitNs + " ns at every rule count (item 3)";
        List<JmhResult> results = select(SUBSCRIBE, "topicguard", r -> shape.equals(r.params().get("shape")));
        if (results.isEmpty()) {
            return Target.notMeasured(goal, "no " + shape + " subscribe check in this run");
        }
        JmhResult worst = worst(results);
        return new Target(goal, "worst " + ns(worst) + " at " + count(worst.rules()) + " rules (" + counts(results) + ")",
                nanos(worst) <= limitNs);
    }

    /** Item 3: faster than Moquette's canRead at every rule count and shape both measured. */
    private Target subscribeAheadOfMoquette() {
        String goal = "subscribe check faster than Moquette at every rule count, allowed and partial (item 3)";
        return aheadOfMoquette(goal, SUBSCRIBE, "subscribe check");
    }

    /** Item 2: faster than Moquette's parser at every size the JMH step measured, and at the footprint's size. */
    private Target parseAheadOfMoquette() {
        String goal = "parse + compile faster than Moquette's parser at every size (item 2)";
        Target jmhPart = aheadOfMoquette(goal, PARSE, "ParseCompileBenchmark");
        if (footprint == null || footprint.moquetteParseSeconds() == null) {
            return jmhPart;
        }
        double ratio = footprint.moquetteParseSeconds() / footprint.totalSeconds();
        String once = String.format(Locale.ROOT, "%s rules once: %s (%.2f vs %.2f s)", count(footprint.rules()),
                Markdown.ratio(ratio), footprint.totalSeconds(), footprint.moquetteParseSeconds());
        if (jmhPart.met() == null) {
            return new Target(goal, once + "; " + jmhPart.measured(), null);
        }
        return new Target(goal, jmhPart.measured() + "; " + once, jmhPart.met() && ratio >= 1.0);
    }

    /**
     * Moquette's time ÷ topicguard's, per row both measured; the slowest-for-topicguard row decides.
     * Rows are a benchmark's parameters (rule count, shape), matched exactly.
     */
    private Target aheadOfMoquette(String goal, String benchmarkClass, String what) {
        List<String> parts = new ArrayList<>();
        double worstRatio = Double.POSITIVE_INFINITY;
        for (JmhResult tg : select(benchmarkClass, "topicguard", r -> true)) {
            Optional<JmhResult> moquette = select(benchmarkClass, "moquette", r -> r.rowKey().equals(tg.rowKey())).stream().findFirst();
            if (moquette.isEmpty()) {
                continue;
            }
            double ratio = moquette.get().score() / tg.score();
            worstRatio = Math.min(worstRatio, ratio);
            String shape = tg.params().get("shape");
            parts.add(count(tg.rules()) + (shape == null ? "" : " " + shape) + " " + Markdown.ratio(ratio));
        }
        if (parts.isEmpty()) {
            return Target.notMeasured(goal, "no " + what + " with Moquette beside topicguard in this run");
        }
        return new Target(goal, "Moquette ÷ topicguard: " + String.join("; ", parts), worstRatio >= 1.0);
    }

    private Target compileTime() {
        String goal = "parse + compile of 1,000,000 rules ≤ 3 s (item 2)";
        if (footprint == null || footprint.rules() != 1_000_000) {
            return Target.notMeasured(goal, "no 1,000,000-rule footprint run");
        }
        return new Target(goal, String.format(Locale.ROOT, "%.2f s (parse %.2f s, compile %.2f s; loading thread CPU %.2f s)",
                footprint.totalSeconds(), footprint.parseSeconds(), footprint.compileSeconds(), footprint.cpuSeconds()),
                footprint.totalSeconds() <= 3.0);
    }

    private Target retainedHeap() {
        String goal = "compiled 1,000,000-rule policy retains ≤ 400 MiB of heap (item 2)";
        if (footprint == null || footprint.rules() != 1_000_000) {
            return Target.notMeasured(goal, "no 1,000,000-rule footprint run");
        }
        return new Target(goal, Markdown.mebibytes(footprint.retainedBytes()) + " retained",
                footprint.retainedBytes() <= 400 * MIB);
    }

    /**
     * Item 4: at 90 % and 100 % hits on the regex-heavy policy the cache must be faster than the
     * engine alone, at every depth, by more than both errors ({@link CacheSection#verdict}).
     */
    private Target cachePays() {
        String goal = "decision cache pays at ≥ 90 % hits on the regex-heavy policy, every depth (item 4)";
        List<String> parts = new ArrayList<>();
        boolean met = true;
        for (JmhResult off : select(CacheSection.BENCHMARK, "publishCacheOff", r -> "REGEX".equals(r.params().get("policy"))
                && Integer.parseInt(r.params().getOrDefault("hitRatio", "0")) >= 90)) {
            Optional<JmhResult> on = select(CacheSection.BENCHMARK, "publishCacheOn", r -> r.rowKey().equals(off.rowKey()))
                    .stream().findFirst();
            if (on.isEmpty()) {
                continue;
            }
            String verdict = CacheSection.verdict(off, on.get());
            met &= verdict.equals("cache pays");
            parts.add("depth " + off.params().get("depth") + ", " + off.params().get("hitRatio") + " %: "
                    + Markdown.ratio(on.get().score() / off.score()) + " (" + verdict + ")");
        }
        if (parts.isEmpty()) {
            return Target.notMeasured(goal, "no regex-policy publish with the cache on and off at ≥ 90 % hits in this run");
        }
        return new Target(goal, "on ÷ off: " + String.join("; ", parts), met);
    }

    /** "flat: 10 rules X, 1,000,000 rules Y", the best position at the smallest and largest count measured. */
    private String flatness(String benchmarkClass) {
        List<JmhResult> all = select(benchmarkClass, "topicguard", r -> true);
        TreeSet<Integer> counts = new TreeSet<>(all.stream().map(JmhResult::rules).toList());
        if (counts.size() < 2) {
            return "";
        }
        JmhResult smallest = worst(all.stream().filter(r -> r.rules() == counts.first()).toList());
        return "; at " + count(counts.first()) + " rules " + ns(smallest);
    }

    private List<JmhResult> select(String benchmarkClass, String method, Predicate<JmhResult> filter) {
        return jmh.stream().filter(r -> r.benchmarkClass().equals(benchmarkClass) && r.method().equals(method))
                .filter(filter).sorted(Comparator.comparingInt(JmhResult::rules).thenComparing(JmhResult::rowKey)).toList();
    }

    private static JmhResult worst(List<JmhResult> results) {
        return results.stream().max(Comparator.comparingDouble(JmhResult::score)).orElseThrow();
    }

    /** A JMH average time in nanoseconds, whatever unit the benchmark reported it in. */
    static double nanos(JmhResult r) {
        return switch (r.unit()) {
            case "ns/op" -> r.score();
            case "us/op" -> r.score() * 1e3;
            case "ms/op" -> r.score() * 1e6;
            case "s/op" -> r.score() * 1e9;
            default -> throw new IllegalArgumentException("not a time per operation: " + r.unit());
        };
    }

    private static String position(JmhResult r) {
        return r.params().getOrDefault("position", "?").toLowerCase(Locale.ROOT);
    }

    private static String ns(JmhResult r) {
        return Markdown.number(r.score()) + " " + r.unit().replace("/op", "");
    }

    private static String counts(List<JmhResult> results) {
        return results.stream().map(r -> count(r.rules()) + ": " + Markdown.number(r.score())).reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
