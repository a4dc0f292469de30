package io.topicguard.cli;

import io.topicguard.cli.TopicguardCommand;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code topicguard serve --policy POLICY OPTIONS...} in-process for tests of start-up
 * refusals: every case here must return (a refusal), never start serving.
 */
public final class ServeRun {

    /** The exit status and what was written to standard error. */
    public record Result(int status, String err) {
    }

    private ServeRun() {
    }

    public static Result serve(Path policy, String... options) {
        List<String> args = new ArrayList<>(List.of("serve", "--policy", policy.toString()));
        args.addAll(List.of(options));
        StringWriter err = new StringWriter();
        int status = TopicguardCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]), args.toArray(String[]::new));
        return new Result(status, err.toString());
    }
}
