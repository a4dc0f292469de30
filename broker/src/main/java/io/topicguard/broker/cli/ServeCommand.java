package io.topicguard.broker.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code topicguard serve} (DESIGN.md §7). Not yet implemented. */
@Command(name = "serve", description = "Not yet implemented.")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("topicguard serve: not yet implemented");
        return 2;
    }
}
