package io.topicguard.jmh.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicguard.jmh.footprint.CompileFootprint.Footprint;
import io.topicguard.jmh.load.LoadResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Writes docs/BENCHMARKS.md from one run's results directory: every {@code jmh-*.json} (JMH's
 * {@code -rf json}), {@code load.json} ({@link io.topicguard.jmh.load.LoadGenerator}) and
 * {@code footprint.json} ({@link io.topicguard.jmh.footprint.CompileFootprint}), and the
 * integrations' {@code authz-jmh.json} and {@code hivemq.json} ({@link AuthzServiceSection},
 * {@link HiveMqSection}); a missing file leaves its section "not measured".
 *
 * <p>Run: {@code java -cp jmh/target/benchmarks.jar io.topicguard.jmh.report.BenchmarkReport
 * --results bench-results/RUN --profile short --elapsed SECONDS --out docs/BENCHMARKS.md}
 */
public final class BenchmarkReport {

    private BenchmarkReport() {
    }

    public static void main(String[] args) throws IOException {
        Path results = null;
        Path out = Path.of("docs/BENCHMARKS.md");
        String profile = "short";
        long elapsed = 0;
        String steps = null;
        Path previous = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--results" -> results = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--profile" -> profile = args[i + 1];
                case "--elapsed" -> elapsed = Long.parseLong(args[i + 1]);
                case "--steps" -> steps = args[i + 1];
                case "--previous" -> previous = Path.of(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (results == null || !Files.isDirectory(results)) {
            usage("--results must name the directory of a run, got " + results);
            return;
        }
        // The integrations of issue 18 read their own files: authz-jmh.json, hivemq.json.
        String report = ReportWriter.write(read(results, profile, elapsed)) + AuthzServiceSection.write(results)
                + HiveMqSection.write(results) + stepSections(results);
        if (previous != null && Files.exists(previous)) {
            // Sections of steps not run, and sections written by hand, stay as they were.
            Set<String> ran = steps == null ? null : new LinkedHashSet<>(List.of(steps.split(",")));
            report = PartialReport.merge(Files.readString(previous, StandardCharsets.UTF_8), report, ran);
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }

    /** The sections of the steps beyond issue 4's ({@link StepSection#ALL}), in order. */
    static String stepSections(Path results) throws IOException {
        StringBuilder out = new StringBuilder();
        for (StepSection section : StepSection.ALL) {
            out.append(section.render(results));
        }
        return out.toString();
    }

    static ReportWriter.Inputs read(Path results, String profile, long elapsed) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JmhResult> jmh = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(results, "jmh-*.json")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path file : sorted) {
                jmh.addAll(JmhResult.read(file));
            }
        }
        List<LoadResult> load = List.of();
        Map<String, String> loadSettings = Map.of();
        Path loadFile = results.resolve("load.json");
        if (Files.exists(loadFile)) {
            JsonNode document = json.readTree(loadFile.toFile());
            load = json.convertValue(document.path("results"), new TypeReference<List<LoadResult>>() { });
            loadSettings = json.convertValue(document.path("settings"), new TypeReference<Map<String, String>>() { });
        }
        Path footprintFile = results.resolve("footprint.json");
        Footprint footprint = Files.exists(footprintFile) ? json.readValue(footprintFile.toFile(), Footprint.class) : null;
        return new ReportWriter.Inputs(Machine.current(results), profile, elapsed, Instant.now(), jmh, load, loadSettings, footprint);
    }

    private static void usage(String problem) {
        System.err.println("benchmark report: " + problem);
        System.err.println("usage: BenchmarkReport --results DIR [--profile NAME] [--elapsed SECONDS] [--out FILE.md]\n"
                + "       [--steps a,b (the steps this run ran; with --previous, only their sections are rewritten)]\n"
                + "       [--previous FILE.md (the report so far: sections of steps not run and hand-written ones are kept)]");
        System.exit(2);
    }
}
