package io.topicguard.jmh.report;

import io.topicguard.jmh.footprint.CompileFootprint.Footprint;
import io.topicguard.jmh.load.LoadPolicy;
import io.topicguard.jmh.load.LoadResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Judges a run against the targets of issue 4. Where a target names no query, it is judged on
 * every query the benchmark has and must hold for the worst one; the linear-reference target is
 * judged on the late-hit and miss queries, because on an early hit a linear scan reads one rule.
 * The broker targets are judged per load policy kind, each kind against runs of the same kind:
 * {@code user} (rules in the load user's own section, what mosquitto scans per user) and
 * {@code pattern} (placeholder rules for every client, mosquitto's {@code pattern} lines), on the
 * median of each configuration's rounds ({@link LoadSummary}).
 */
final class Targets {

    private static final String PUBLISH = "PublishCheckBenchmark";
    private static final List<String> POSITIONS = List.of("EARLY", "LATE", "MISS");
    /** The load policy kinds ({@link LoadPolicy.Kind#label()}). */
    private static final String USER = LoadPolicy.Kind.USER.label();
    private static final String PATTERN = LoadPolicy.Kind.PATTERN.label();

    private final List<JmhResult> jmh;
    private final List<LoadSummary> load;
    private final List<LoadResult> rounds;
    private final Footprint footprint;

    Targets(List<JmhResult> jmh, List<LoadResult> load, Footprint footprint) {
        this.jmh = jmh;
        this.load = LoadSummary.of(load);
        this.rounds = load;
        this.footprint = footprint;
    }

    List<Target> judge() {
        List<Target> targets = new ArrayList<>();
        targets.add(publishRatio("publish check at 1,000,000 rules ≤ 5× the HashMap floor",
                "hashMapFloor", 1_000_000, "topicguard", 1_000_000, POSITIONS, 5.0, true));
        targets.add(publishRatio("publish check at 1,000,000 rules ≤ 2× the same check at 10 rules",
                "topicguard", 10, "topicguard", 1_000_000, POSITIONS, 2.0, true));
        targets.add(publishRatio("≥ 100× faster than the linear reference at 10,000 rules (late hit, miss)",
                "referenceEvaluator", 10_000, "topicguard", 10_000, List.of("LATE", "MISS"), 100.0, false));
        targets.add(publishRatio("≥ 20× faster than Moquette at 1,000 rules",
                "moquette", 1_000, "topicguard", 1_000, POSITIONS, 20.0, false));
        targets.add(compileTime());
        targets.add(retainedHeap());
        for (String kind : List.of(USER, PATTERN)) {
            String rules = kind.equals(USER) ? "user-section rules" : "pattern rules";
            for (int qos : new int[] {0, 1}) {
                targets.add(loadRatio("broker throughput at 100,000 rules ≥ 90% of the one-rule policy, QoS " + qos
                        + " (" + rules + ")", kind, "topicguard", 1, "topicguard", 100_000, qos, 0.9));
            }
            for (int qos : new int[] {0, 1}) {
                targets.add(loadRatio("broker throughput ≥ 20× mosquitto at 10,000 rules, QoS " + qos + " (" + rules + ")",
                        kind, "mosquitto", 10_000, "topicguard", 10_000, qos, 20.0));
            }
            if (kind.equals(USER)) {
                // The issue asks this once; at one rule either kind is a single rule that allows the traffic.
                targets.add(loadRatio("broker throughput ≥ 1× mosquitto at one rule, QoS 1 (user-section rules)",
                        kind, "mosquitto", 1, "topicguard", 1, 1, 1.0));
            }
        }
        return targets;
    }

    /**
     * Judges {@code subject / base} per position: at most {@code limit} when {@code atMost}
     * (a cost ratio), else {@code base / subject} at least {@code limit} (a speed-up).
     */
    private Target publishRatio(String goal, String baseMethod, int baseRules, String subjectMethod, int subjectRules,
                                List<String> positions, double limit, boolean atMost) {
        StringBuilder measured = new StringBuilder();
        boolean met = true;
        for (String position : positions) {
            Optional<JmhResult> base = find(PUBLISH, baseMethod, baseRules, position);
            Optional<JmhResult> subject = find(PUBLISH, subjectMethod, subjectRules, position);
            if (base.isEmpty() || subject.isEmpty()) {
                return Target.notMeasured(goal, "no " + (base.isEmpty() ? baseMethod + " at " + baseRules
                        : subjectMethod + " at " + subjectRules) + " rules (" + position.toLowerCase(Locale.ROOT) + ") in this run");
            }
            double ratio = atMost ? subject.get().score() / base.get().score() : base.get().score() / subject.get().score();
            met &= atMost ? ratio <= limit : ratio >= limit;
            measured.append(measured.length() == 0 ? "" : "; ").append(position.toLowerCase(Locale.ROOT)).append(' ')
                    .append(Markdown.ratio(ratio));
        }
        return new Target(goal, measured.toString(), met);
    }

    private Optional<JmhResult> find(String benchmarkClass, String method, int rules, String position) {
        return jmh.stream().filter(r -> r.benchmarkClass().equals(benchmarkClass) && r.method().equals(method)
                && r.rules() == rules && position.equals(r.params().get("position"))).findFirst();
    }

    private Target compileTime() {
        String goal = "parse + compile of 1,000,000 rules ≤ 10 s";
        if (footprint == null || footprint.rules() != 1_000_000) {
            return Target.notMeasured(goal, "no 1,000,000-rule footprint run");
        }
        return new Target(goal, String.format(Locale.ROOT, "%.2f s (parse %.2f s, compile %.2f s)", footprint.totalSeconds(),
                footprint.parseSeconds(), footprint.compileSeconds()), footprint.totalSeconds() <= 10.0);
    }

    private Target retainedHeap() {
        String goal = "compiled 1,000,000-rule policy retains ≤ 1 GiB of heap";
        if (footprint == null || footprint.rules() != 1_000_000) {
            return Target.notMeasured(goal, "no 1,000,000-rule footprint run");
        }
        return new Target(goal, Markdown.mebibytes(footprint.retainedBytes()) + " retained",
                footprint.retainedBytes() <= 1L << 30);
    }

    private Target loadRatio(String goal, String kind, String baseBroker, int baseRules, String subjectBroker,
                             int subjectRules, int qos, double atLeast) {
        Optional<LoadSummary> base = findLoad(kind, baseBroker, baseRules, qos);
        Optional<LoadSummary> subject = findLoad(kind, subjectBroker, subjectRules, qos);
        if (base.isEmpty() || subject.isEmpty()) {
            String absent = base.isEmpty() ? baseBroker + " at " + baseRules : subjectBroker + " at " + subjectRules;
            return Target.notMeasured(goal, "no usable run of " + absent + " " + kind + " rule(s), QoS " + qos);
        }
        double ratio = subject.get().messagesPerSecond() / base.get().messagesPerSecond();
        return new Target(goal, String.format(Locale.ROOT, "%s (%.0f vs %.0f msg/s%s)%s", Markdown.ratio(ratio),
                subject.get().messagesPerSecond(), base.get().messagesPerSecond(), rounds(subject.get(), base.get()),
                perRound(kind, baseBroker, baseRules, subjectBroker, subjectRules, qos)), ratio >= atLeast);
    }

    /**
     * The same comparison made within each round that measured both sides, for the reader: runs of
     * one round are minutes apart, so a machine that drifts over a whole run of the script moves both
     * sides of a round's ratio together. Shown beside the target, not judged: the target stays on the
     * ratio of the medians it was defined on.
     */
    private String perRound(String kind, String baseBroker, int baseRules, String subjectBroker, int subjectRules, int qos) {
        List<Double> ratios = new ArrayList<>();
        for (LoadResult subject : rounds) {
            if (!usableRun(subject, kind, subjectBroker, subjectRules, qos)) {
                continue;
            }
            rounds.stream().filter(b -> b.round() == subject.round() && usableRun(b, kind, baseBroker, baseRules, qos))
                    .findFirst().ifPresent(b -> ratios.add(subject.messagesPerSecond() / b.messagesPerSecond()));
        }
        if (ratios.size() < 2) {
            return "";
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "; within each round: median %s, %s – %s over %d rounds",
                Markdown.ratio(LoadSummary.median(sorted)), Markdown.ratio(sorted[0]), Markdown.ratio(sorted[sorted.length - 1]),
                sorted.length);
    }

    private static boolean usableRun(LoadResult r, String kind, String broker, int rules, int qos) {
        return r.policy().equals(kind) && r.broker().equals(broker) && r.rules() == rules && r.qos() == qos
                && LoadSummary.usable(r);
    }

    /** How many rounds the two medians stand on; nothing when each is a single round. */
    private static String rounds(LoadSummary subject, LoadSummary base) {
        if (subject.rounds() == 1 && base.rounds() == 1) {
            return "";
        }
        String s = rounds(subject);
        String b = rounds(base);
        return ", medians of " + (s.equals(b) ? s : s + " and " + b) + " rounds";
    }

    private static String rounds(LoadSummary s) {
        return s.usable() == s.rounds() ? Integer.toString(s.rounds()) : s.usable() + " usable of " + s.rounds();
    }

    /** A configuration counts when some round of it delivered something and noted no problem. */
    private Optional<LoadSummary> findLoad(String kind, String broker, int rules, int qos) {
        return load.stream().filter(s -> s.policy().equals(kind) && s.broker().equals(broker) && s.rules() == rules
                && s.qos() == qos && s.measured()).findFirst();
    }

    /** For tests: the targets by goal. */
    Map<String, Target> byGoal() {
        Map<String, Target> map = new TreeMap<>();
        judge().forEach(t -> map.put(t.goal(), t));
        return map;
    }
}
