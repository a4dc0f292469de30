package io.topicguard.auth.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one file, so the operator fixes them all in one round. */
final class Problems {

    private final String file;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(int line, int column, String message) {
        found.add(new ConfigProblem(file, line, column, message));
    }

    void add(YamlNode at, String message) {
        add(at.line(), at.column(), message);
    }

    void add(YamlNode.Key at, String message) {
        add(at.line(), at.column(), message);
    }

    int count() {
        return found.size();
    }

    void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
            throw new ConfigException(sorted);
        }
    }
}
