package io.topicguard.jmh.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The report's "HiveMQ" section (issue 18): HiveMQ CE's throughput with the topicguard extension
 * at 1 rule and at many, beside HiveMQ CE with an allow-all extension, the same clients each time,
 * from {@value #FILE} (written by the hivemq-extension module's {@code HiveMqThroughputBenchmark},
 * run through Maven because HiveMQ needs its own Netty 4.1 classpath), with the target: at
 * {@value #TARGET_RULES} rules, at least 90 % of the allow-all throughput.
 */
final class HiveMqSection {

    static final String FILE = "hivemq.json";
    static final int TARGET_RULES = 100_000;
    static final double TARGET_SHARE = 0.9;

    private HiveMqSection() {
    }

    static String write(Path results) throws IOException {
        StringBuilder out = new StringBuilder("\n## HiveMQ CE with the topicguard extension (issue 18)\n\n");
        Path file = results.resolve(FILE);
        if (!Files.exists(file)) {
            return out.append("Not measured in this run.\n").toString();
        }
        JsonNode document = new ObjectMapper().readTree(file.toFile());
        JsonNode settings = document.path("settings");
        JsonNode rows = document.path("results");
        double allowAll = rows.path(0).path("median").asDouble(Double.NaN);
        out.append("`io.topicguard.hivemq.HiveMqThroughputBenchmark` (test sources of `hivemq-extension`; run alone: ")
                .append("`mvn -pl hivemq-extension -am test -Dtest=HiveMqThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false ")
                .append("-Dtopicguard.hivemq.out=hivemq.json`). An embedded HiveMQ CE 2025.5, fresh for every measurement, ")
                .append(settings.path("publishers").asInt()).append(" Paho publishers at QoS 0 and one subscriber to `bench/#`, ")
                .append("counted at the subscriber over ").append(settings.path("seconds").asInt()).append(" s after a ")
                .append(settings.path("warmupSeconds").asInt()).append(" s warm-up; ").append(settings.path("rounds").asInt())
                .append(" interleaved round(s), the median shown. The rules all apply to the benchmark's clients and sit before ")
                .append("the rule that allows `bench/#`.\n\n");
        List<List<String>> lines = new ArrayList<>();
        for (JsonNode row : rows) {
            double median = row.path("median").asDouble(Double.NaN);
            List<String> rounds = new ArrayList<>();
            row.path("rounds").forEach(r -> rounds.add(Markdown.number(r.asDouble())));
            lines.add(List.of(row.path("configuration").asText(), String.format(Locale.ROOT, "%,d", row.path("rules").asInt()),
                    Markdown.number(median), allowAll > 0 ? percent(median / allowAll) : "–",
                    rounds.stream().collect(Collectors.joining(", "))));
        }
        out.append(Markdown.table(List.of("configuration", "rules", "messages/s (median)", "of allow-all", "rounds (messages/s)"), lines));
        out.append("\n").append(target(rows, allowAll)).append("\n");
        return out.toString();
    }

    /** The target's line: met or missed at {@value #TARGET_RULES} rules, or why it was not judged. */
    static String target(JsonNode rows, double allowAll) {
        String goal = "Target: with the extension at " + String.format(Locale.ROOT, "%,d", TARGET_RULES)
                + " rules, at least 90 % of the allow-all throughput: ";
        if (!(allowAll > 0)) {
            return goal + "**not judged** (the allow-all run delivered nothing).";
        }
        for (JsonNode row : rows) {
            if (row.path("rules").asInt() == TARGET_RULES) {
                double share = row.path("median").asDouble() / allowAll;
                return goal + (share >= TARGET_SHARE ? "**met**" : "**missed**") + " (" + percent(share) + ").";
            }
        }
        return goal + "**not judged** (this run did not measure " + String.format(Locale.ROOT, "%,d", TARGET_RULES) + " rules).";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
