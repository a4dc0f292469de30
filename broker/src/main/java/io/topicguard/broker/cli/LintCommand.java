package io.topicguard.broker.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code topicguard lint} (DESIGN.md §7). Not yet implemented. */
@Command(name = "lint", description = "Not yet implemented.")
public final class LintCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("topicguard lint: not yet implemented");
        return 2;
    }
}
