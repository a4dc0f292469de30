package io.topicguard.jmh.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of JMH's JSON output ({@code -rf json}): which benchmark method, with which parameters,
 * scored what, measured how.
 *
 * @param benchmarkClass the simple class name, e.g. {@code PublishCheckBenchmark}
 * @param method         the implementation measured, e.g. {@code topicguard}
 * @param params         the {@code @Param} values, sorted by name
 * @param settings       forks, warmup and measurement as JMH reports them
 */
public record JmhResult(String benchmarkClass, String method, Map<String, String> params, double score,
                        double error, String unit, String settings) {

    /** Every result in a JMH JSON file. */
    public static List<JmhResult> read(Path file) throws IOException {
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode node : new ObjectMapper().readTree(file.toFile())) {
            String benchmark = node.path("benchmark").asText();
            String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
            Map<String, String> params = new TreeMap<>();
            node.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode metric = node.path("primaryMetric");
            double error = metric.path("scoreError").asDouble(Double.NaN);
            String settings = "mode " + node.path("mode").asText() + ", " + node.path("forks").asInt() + " fork(s), warmup "
                    + node.path("warmupIterations").asInt() + " × " + node.path("warmupTime").asText() + ", measurement "
                    + node.path("measurementIterations").asInt() + " × " + node.path("measurementTime").asText()
                    + ", " + node.path("threads").asInt() + " thread(s)";
            results.add(new JmhResult(className.substring(className.lastIndexOf('.') + 1),
                    benchmark.substring(benchmark.lastIndexOf('.') + 1), params, metric.path("score").asDouble(),
                    error, metric.path("scoreUnit").asText(), settings));
        }
        return results;
    }

    /** The row this result belongs to in its benchmark's table: its parameters. */
    public String rowKey() {
        return params.toString();
    }

    public int rules() {
        return Integer.parseInt(params.getOrDefault("rules", "0"));
    }
}
