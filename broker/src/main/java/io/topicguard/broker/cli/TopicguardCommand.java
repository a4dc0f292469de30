package io.topicguard.broker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code topicguard} command line (DESIGN.md §7). */
@Command(name = "topicguard", mixinStandardHelpOptions = true, version = "topicguard 0.1.0",
        description = "Access control for MQTT: a policy language, an authorizer and a broker that enforces it.",
        subcommands = {ServeCommand.class, CheckCommand.class, LintCommand.class, PasswdCommand.class})
public final class TopicguardCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: serve, check, lint or passwd");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status (2 for usage errors, DESIGN.md §7). */
    public static int execute(String... args) {
        return new CommandLine(new TopicguardCommand())
                .setExitCodeExceptionMapper(e -> 2)
                .setParameterExceptionHandler((e, a) -> {
                    e.getCommandLine().getErr().println("topicguard: " + e.getMessage());
                    e.getCommandLine().usage(e.getCommandLine().getErr());
                    return 2;
                })
                .execute(args);
    }
}
