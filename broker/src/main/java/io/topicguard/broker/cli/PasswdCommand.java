package io.topicguard.broker.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code topicguard passwd} (DESIGN.md §7). Not yet implemented. */
@Command(name = "passwd", description = "Not yet implemented.")
public final class PasswdCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("topicguard passwd: not yet implemented");
        return 2;
    }
}
