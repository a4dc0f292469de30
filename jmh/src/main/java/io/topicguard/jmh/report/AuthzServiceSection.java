package io.topicguard.jmh.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's "Decision service" section (issue 18): decisions per second and p50/p99 latency of
 * {@code /emqx/authz} and {@code /mosquitto/acl} over keep-alive HTTP, beside the same check made
 * in-process, from {@value #FILE}: JMH's JSON for {@code AuthzServiceBenchmark}, whose throughput
 * and sample-time modes give the rate and the percentiles. Kept apart from the {@code jmh-*.json}
 * files, whose tables compare topicguard with baselines.
 */
final class AuthzServiceSection {

    static final String FILE = "authz-jmh.json";
    static final String BENCHMARK = "AuthzServiceBenchmark";

    /** Endpoint → the benchmark method asking over HTTP and the one making the same check in-process. */
    private static final Map<String, String[]> ENDPOINTS = Map.of(
            "/emqx/authz", new String[]{"emqxAuthz", "inProcessEmqx"},
            "/mosquitto/acl", new String[]{"mosquittoAcl", "inProcessMosquitto"});

    /** One method at one size: its rate (decisions/s) and sample-time percentiles (µs), NaN when not measured. */
    record Figures(double perSecond, double p50, double p99) {
        static final Figures NONE = new Figures(Double.NaN, Double.NaN, Double.NaN);
    }

    private AuthzServiceSection() {
    }

    static String write(Path results) throws IOException {
        StringBuilder out = new StringBuilder("\n## The decision service over HTTP (issue 18)\n\n");
        Path file = results.resolve(FILE);
        if (!Files.exists(file)) {
            return out.append("Not measured in this run.\n").toString();
        }
        JsonNode document = new ObjectMapper().readTree(file.toFile());
        Map<Integer, Map<String, Figures>> bySize = read(document);
        int threads = document.size() == 0 ? 1 : document.get(0).path("threads").asInt(1);
        out.append("`io.topicguard.jmh.bench.").append(BENCHMARK).append("`; run alone: `java -jar jmh/target/benchmarks.jar ")
                .append(BENCHMARK).append("`. `topicguard authz-server` on loopback, asked by ").append(threads)
                .append(threads == 1 ? " client" : " clients").append(", each over one keep-alive HTTP/1.1 connection, the publish ")
                .append("question of the generated policy's last rule (`/emqx/authz` as EMQX renders it, `/mosquitto/acl` with ")
                .append("`acc` 2); *in-process* is the same check on a bound client, as the service makes it. p50 and p99 come ")
                .append("from JMH's sample time; *HTTP ÷ in-process* is how many times the in-process check's time a decision ")
                .append("over HTTP takes.\n\n");
        List<List<String>> lines = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, Figures>> size : bySize.entrySet()) {
            for (String endpoint : List.of("/emqx/authz", "/mosquitto/acl")) {
                Figures http = size.getValue().getOrDefault(ENDPOINTS.get(endpoint)[0], Figures.NONE);
                Figures local = size.getValue().getOrDefault(ENDPOINTS.get(endpoint)[1], Figures.NONE);
                lines.add(List.of(String.format(Locale.ROOT, "%,d", size.getKey()), "`" + endpoint + "`",
                        Markdown.number(http.perSecond()), Markdown.number(http.p50()), Markdown.number(http.p99()),
                        Markdown.number(local.perSecond()), Markdown.number(local.p50()), Markdown.number(local.p99()),
                        Double.isNaN(http.perSecond() + local.perSecond()) ? "–" : Markdown.ratio(local.perSecond() / http.perSecond())));
            }
        }
        out.append(Markdown.table(List.of("rules", "endpoint", "HTTP (decisions/s)", "HTTP p50 (µs)", "HTTP p99 (µs)",
                "in-process (decisions/s)", "in-process p50 (µs)", "in-process p99 (µs)", "HTTP ÷ in-process"), lines));
        return out.toString();
    }

    /** Rules → method → figures, merging each method's throughput and sample-time results. */
    static Map<Integer, Map<String, Figures>> read(JsonNode document) {
        Map<Integer, Map<String, Figures>> bySize = new TreeMap<>();
        for (JsonNode node : document) {
            String benchmark = node.path("benchmark").asText();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            int rules = node.path("params").path("rules").asInt();
            JsonNode metric = node.path("primaryMetric");
            Map<String, Figures> methods = bySize.computeIfAbsent(rules, r -> new TreeMap<>());
            Figures known = methods.getOrDefault(method, Figures.NONE);
            double toMicros = micros(metric.path("scoreUnit").asText());
            Figures merged = switch (node.path("mode").asText()) {
                case "thrpt" -> new Figures(metric.path("score").asDouble() * perSecond(metric.path("scoreUnit").asText()),
                        known.p50(), known.p99());
                case "sample" -> new Figures(known.perSecond(),
                        metric.path("scorePercentiles").path("50.0").asDouble(Double.NaN) * toMicros,
                        metric.path("scorePercentiles").path("99.0").asDouble(Double.NaN) * toMicros);
                default -> known;
            };
            methods.put(method, merged);
        }
        return bySize;
    }

    /** The factor from JMH's throughput unit ({@code ops/us}, {@code ops/ms}, {@code ops/s}) to operations a second. */
    private static double perSecond(String unit) {
        return switch (unit) {
            case "ops/ns" -> 1e9;
            case "ops/us" -> 1e6;
            case "ops/ms" -> 1e3;
            default -> 1;
        };
    }

    /** The factor from JMH's time unit ({@code ns/op}, {@code us/op}, {@code ms/op}, {@code s/op}) to microseconds. */
    private static double micros(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-3;
            case "ms/op" -> 1e3;
            case "s/op" -> 1e6;
            default -> 1;
        };
    }
}
