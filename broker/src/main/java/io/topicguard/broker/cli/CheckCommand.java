package io.topicguard.broker.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code topicguard check} (DESIGN.md §7). Not yet implemented. */
@Command(name = "check", description = "Not yet implemented.")
public final class CheckCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("topicguard check: not yet implemented");
        return 2;
    }
}
