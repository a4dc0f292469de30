package io.topicguard.jmh.report;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A section of docs/BENCHMARKS.md written from one step of jmh/run-benchmarks.sh: the step's name
 * (what {@code --steps} says), the heading it writes, and how it renders the step's JSON from the run
 * directory, goals with met/missed included. A new step plugs in by implementing this and being
 * listed in {@link #ALL}; {@link PartialReport} then knows which section it owns.
 */
interface StepSection {

    /** The broker steps beyond the message load, in report order. */
    List<StepSection> ALL = List.of(new ConnectSection(), new MemorySection(), new FanoutSection(),
            new PersistenceSection());

    /** The step's name in {@code run-benchmarks.sh --steps}. */
    String step();

    /** The section's heading, without {@code ## }. */
    String heading();

    /** The section's body (after the heading) from the run directory; says "not measured" when its JSON is absent. */
    String body(Path runDir) throws IOException;

    default String render(Path runDir) throws IOException {
        return "\n## " + heading() + "\n\n" + body(runDir);
    }

    /** A {@code {"settings": {...}, "results": [...]}} file as written by the load package's scenarios. */
    record Document<T>(Map<String, String> settings, List<T> results) {

        static <T> Document<T> read(Path file, Class<T> type) throws IOException {
            if (!Files.exists(file)) {
                return null;
            }
            ObjectMapper json = new ObjectMapper();
            JsonNode root = json.readTree(file.toFile());
            JavaType list = json.getTypeFactory().constructCollectionType(List.class, type);
            Map<String, String> settings = json.convertValue(root.path("settings"),
                    json.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            List<T> results = json.convertValue(root.path("results"), list);
            return new Document<>(settings, new ArrayList<>(results));
        }

        String setting(String name) {
            return settings == null ? "?" : settings.getOrDefault(name, "?");
        }
    }

    /** A note fit for a table cell: its lines joined, no column separators; empty for none. */
    static String cell(String note) {
        return note == null ? "" : note.replace("\r", "").replace("\n", " / ").replace("|", "/");
    }

    /** The goals table every step section ends with. */
    static String goals(List<Target> targets) {
        List<List<String>> rows = new ArrayList<>();
        for (Target t : targets) {
            rows.add(List.of(t.goal(), t.measured(), t.status()));
        }
        return "\n" + Markdown.table(List.of("goal", "measured", "status"), rows);
    }
}
