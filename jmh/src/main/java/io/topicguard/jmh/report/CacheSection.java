package io.topicguard.jmh.report;

import io.topicguard.jmh.bench.DecisionCacheBenchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's "Decision cache" section: baseline (d) of issue 4, the measurement issue 5 asks for
 * before the cache is turned on anywhere by default. One row per combination of check, policy,
 * topic depth and hit ratio, with the cache off and on, their ratio and a verdict that counts only
 * differences larger than both measurements' errors.
 */
final class CacheSection {

    static final String BENCHMARK = "DecisionCacheBenchmark";
    private static final String OFF = "CacheOff";
    private static final String ON = "CacheOn";

    private CacheSection() {
    }

    static String write(List<JmhResult> jmh) {
        StringBuilder out = new StringBuilder("\n## Decision cache on and off (baseline (d); issue 5)\n\n");
        List<JmhResult> results = jmh.stream().filter(r -> r.benchmarkClass().equals(BENCHMARK)).toList();
        if (results.isEmpty()) {
            return out.append("Not measured in this run.\n").toString();
        }
        out.append("`io.topicguard.jmh.bench.").append(BENCHMARK).append("`; run alone: `java -jar jmh/target/benchmarks.jar ")
                .append(BENCHMARK).append("`. One bound client asks the same stream of questions of the engine (cache off) ")
                .append("and through a `DecisionCache` of ").append(count(DecisionCacheBenchmark.CACHE_SIZE))
                .append(" entries (cache on). *Hit ratio* is the share of questions going to a hot set of ")
                .append(count(DecisionCacheBenchmark.HOT_TOPICS)).append(" topics; the rest cycle through ")
                .append(count(DecisionCacheBenchmark.COLD_TOPICS)).append(" other topics, so each of those is a miss ")
                .append("(the benchmark refuses a trial whose real hit ratio strays more than ")
                .append(DecisionCacheBenchmark.HIT_RATIO_TOLERANCE).append(" points). *Policy* ")
                .append("`exact`: one per-user rule applies to the client; `regex`: hundreds apply, through regex and CIDR ")
                .append("who-expressions. *Verdict*: \"cache pays\" where on is faster than off by more than both errors, ")
                .append("\"cache costs\" where it is slower by more than both errors.\n\n");

        Map<String, JmhResult[]> rows = new LinkedHashMap<>();
        results.stream().sorted(rowOrder()).forEach(r -> {
            JmhResult[] pair = rows.computeIfAbsent(check(r) + " " + r.rowKey(), k -> new JmhResult[2]);
            pair[r.method().endsWith(ON) ? 1 : 0] = r;
        });
        List<List<String>> lines = new ArrayList<>();
        int pays = 0;
        int compared = 0;
        for (JmhResult[] pair : rows.values()) {
            JmhResult off = pair[0];
            JmhResult on = pair[1];
            JmhResult any = off != null ? off : on;
            String verdict = off == null || on == null ? "–" : verdict(off, on);
            if (off != null && on != null) {
                compared++;
                pays += verdict.equals("cache pays") ? 1 : 0;
            }
            lines.add(List.of(check(any), any.params().getOrDefault("policy", "?").toLowerCase(Locale.ROOT),
                    any.params().getOrDefault("depth", "?"), any.params().getOrDefault("hitRatio", "?") + " %",
                    off == null ? "–" : Markdown.score(off.score(), off.error()),
                    on == null ? "–" : Markdown.score(on.score(), on.error()),
                    off == null || on == null ? "–" : Markdown.ratio(on.score() / off.score()), verdict));
        }
        out.append(Markdown.table(List.of("check", "policy", "depth", "hit ratio", "cache off (" + results.get(0).unit() + ")",
                "cache on (" + results.get(0).unit() + ")", "on ÷ off", "verdict"), lines));
        out.append("\nThe cache pays in ").append(pays).append(" of ").append(compared).append(" combinations measured.\n");
        return out.toString();
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Faster or slower only beyond both errors (JMH's 99.9% intervals); a missing error counts as zero. */
    static String verdict(JmhResult off, JmhResult on) {
        double offError = Double.isNaN(off.error()) ? 0 : off.error();
        double onError = Double.isNaN(on.error()) ? 0 : on.error();
        if (on.score() + onError < off.score() - offError) {
            return "cache pays";
        }
        if (on.score() - onError > off.score() + offError) {
            return "cache costs";
        }
        return "no difference beyond the error";
    }

    /** {@code publishCacheOn} → {@code publish}. */
    private static String check(JmhResult r) {
        String method = r.method();
        int suffix = method.endsWith(ON) ? ON.length() : method.endsWith(OFF) ? OFF.length() : 0;
        return method.substring(0, method.length() - suffix);
    }

    /** Check, then policy, then depth ascending, then hit ratio descending. */
    private static Comparator<JmhResult> rowOrder() {
        return Comparator.comparing(CacheSection::check)
                .thenComparing(r -> r.params().getOrDefault("policy", ""))
                .thenComparingInt(r -> number(r.params().get("depth")))
                .thenComparing(Comparator.comparingInt((JmhResult r) -> number(r.params().get("hitRatio"))).reversed());
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
