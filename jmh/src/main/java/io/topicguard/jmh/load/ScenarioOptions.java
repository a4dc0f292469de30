package io.topicguard.jmh.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name value} options of a broker scenario (connect storm, memory, fan-out,
 * persistence) over its defaults, and the JSON document it writes: {@code {"settings": {...},
 * "results": [...]}}, the shape {@code load.json} has, which the report reads.
 */
final class ScenarioOptions {

    private final Map<String, String> values;

    private ScenarioOptions(Map<String, String> values) {
        this.values = values;
    }

    /** The defaults (every option the scenario knows), overridden by {@code args}; an unknown option is an error. */
    static ScenarioOptions parse(Map<String, String> defaults, String... args) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (known: " + defaults.keySet() + ")");
            }
            values.put(name, args[++i]);
        }
        return new ScenarioOptions(values);
    }

    String get(String name) {
        return values.get(name);
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    double decimal(String name) {
        return Double.parseDouble(values.get(name));
    }

    List<String> list(String name) {
        return Arrays.stream(values.get(name).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    List<Integer> integers(String name) {
        return list(name).stream().map(Integer::parseInt).toList();
    }

    /** The work directory (absolute: brokers run in it and are handed paths in it), created if missing. */
    Path workDir(String prefix) throws IOException {
        String dir = values.get("work-dir");
        return (dir == null || dir.isEmpty() ? Files.createTempDirectory(prefix)
                : Files.createDirectories(Path.of(dir))).toAbsolutePath();
    }

    /** Writes {@code {"settings": these options and extra, "results": results}} to {@code --out}, if given. */
    void write(Map<String, String> extra, List<?> results) throws IOException {
        String out = values.get("out");
        if (out == null || out.isEmpty()) {
            return;
        }
        Path file = Path.of(out);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Map<String, String> settings = new LinkedHashMap<>(values);
        settings.remove("out");
        settings.remove("work-dir");
        settings.putAll(extra);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("settings", settings);
        document.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
    }

    /** Parses {@code args} or exits with status 2 and the usage. */
    static ScenarioOptions parseOrExit(String name, Map<String, String> defaults, String... args) {
        try {
            return parse(defaults, args);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            StringBuilder usage = new StringBuilder("usage: " + name);
            defaults.forEach((k, v) -> usage.append(" [--").append(k).append(' ').append(v.isEmpty() ? "VALUE" : v).append(']'));
            System.err.println(usage);
            System.exit(2);
            return null;
        }
    }
}
