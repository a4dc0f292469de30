package io.topicguard.jmh.report;

import io.topicguard.jmh.load.LoadResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One load configuration (broker, policy kind, rule count, QoS) over all its rounds: the median of
 * the rounds that delivered without a problem, and their spread. The report's load targets and table
 * read these, never a single round: on a shared machine one round can be a fifth off either way.
 *
 * @param rounds            how many rounds ran this configuration
 * @param usable            how many of them delivered messages and noted no problem
 * @param messagesPerSecond the median over the usable rounds, 0 when there is none
 * @param slowest           the lowest rate among the usable rounds, 0 when there is none
 * @param fastest           the highest rate among the usable rounds, 0 when there is none
 * @param p50Micros         the median of the usable rounds' p50 latencies, -1 when there is none
 * @param p99Micros         the median of the usable rounds' p99 latencies, -1 when there is none
 * @param note              the first problem a round noted, prefixed with how many rounds had one
 *                          when some others were usable; null when no round noted one
 * @param brokerCpuPercent  the median of the usable rounds' broker CPU (percent of one core), null
 *                          when none was measured
 * @param maxStealPercent   the most the host took of the machine in any usable round (percent), null
 *                          when not measured
 * @param remeasured        how many extra attempts the rounds needed because the host took the machine
 */
record LoadSummary(String broker, String policy, int rules, int qos, int rounds, int usable, double messagesPerSecond,
                   double slowest, double fastest, double p50Micros, double p99Micros, String note,
                   Double brokerCpuPercent, Double maxStealPercent, int remeasured) {

    boolean measured() {
        return usable > 0;
    }

    /** One summary per configuration, in the order the configurations first appear. */
    static List<LoadSummary> of(List<LoadResult> results) {
        Map<List<Object>, List<LoadResult>> byConfiguration = new LinkedHashMap<>();
        for (LoadResult r : results) {
            byConfiguration.computeIfAbsent(List.of(r.broker(), r.policy(), r.rules(), r.qos()), k -> new ArrayList<>()).add(r);
        }
        return byConfiguration.values().stream().map(LoadSummary::summarize).toList();
    }

    private static LoadSummary summarize(List<LoadResult> rounds) {
        LoadResult first = rounds.get(0);
        List<LoadResult> usable = rounds.stream().filter(LoadSummary::usable).toList();
        List<LoadResult> noted = rounds.stream().filter(r -> r.note() != null).toList();
        String note = noted.isEmpty() ? null
                : usable.isEmpty() ? noted.get(0).note()
                : noted.size() + " of " + rounds.size() + " rounds: " + noted.get(0).note();
        int remeasured = rounds.stream().mapToInt(r -> r.attempts() - 1).sum();
        if (usable.isEmpty()) {
            return new LoadSummary(first.broker(), first.policy(), first.rules(), first.qos(), rounds.size(), 0, 0, 0, 0,
                    -1, -1, note, null, null, remeasured);
        }
        double[] rates = usable.stream().mapToDouble(LoadResult::messagesPerSecond).sorted().toArray();
        List<LoadResult> brokerMeasured = usable.stream().filter(r -> r.cpu().brokerPercent() != null).toList();
        Double brokerCpu = brokerMeasured.isEmpty() ? null : median(brokerMeasured, r -> r.cpu().brokerPercent());
        Double maxSteal = usable.stream().map(r -> r.cpu().stealPercent()).filter(Objects::nonNull)
                .max(Double::compare).orElse(null);
        return new LoadSummary(first.broker(), first.policy(), first.rules(), first.qos(), rounds.size(), usable.size(),
                median(usable, LoadResult::messagesPerSecond), rates[0], rates[rates.length - 1],
                median(usable, LoadResult::p50Micros), median(usable, LoadResult::p99Micros), note, brokerCpu, maxSteal,
                remeasured);
    }

    /** A round counts when it delivered messages and noted no problem. */
    static boolean usable(LoadResult round) {
        return round.note() == null && round.delivered() > 0;
    }

    static double median(List<LoadResult> results, ToDoubleFunction<LoadResult> value) {
        return median(results.stream().mapToDouble(value).toArray());
    }

    /** The middle value, or the mean of the two middle values of an even count. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
