package io.topicguard.auth.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file that cannot be used, with every problem found in it (not just the first),
 * in the order they appear in the file. The message is the problems, one per line.
 */
public final class ConfigException extends Exception {

    private final transient List<ConfigProblem> problems;

    ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order; never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
