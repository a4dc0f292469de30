package io.topicguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedWriter;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code topicguard} command line (docs/cli.md).
 *
 * <p>{@link #execute(PrintWriter, PrintWriter, InputStream, String...)} runs it in-process with
 * the given streams, which is how the tests drive it; {@link #main} wires the process's own.
 * Output is UTF-8 whatever the platform's default, so topics and JSON survive any locale.
 */
@Command(name = "topicguard", mixinStandardHelpOptions = true, version = "topicguard 0.1.0",
        description = "Access control for MQTT: a policy language, an authorizer and a broker that enforces it.",
        subcommands = {ServeCommand.class, AuthzServerCommand.class, CheckCommand.class, LintCommand.class, PasswdCommand.class, ConvertCommand.class, TestCommand.class, DiffCommand.class})
public final class TopicguardCommand implements Runnable {

    /** Exit status for usage errors and policy errors (docs/cli.md). */
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;
    private final Console console;

    private TopicguardCommand(InputStream stdin, Console console) {
        this.stdin = stdin;
        this.console = console;
    }

    /** The standard input given to {@link #execute}, read by {@code check --batch} and {@code passwd}. */
    InputStream stdin() {
        return stdin;
    }

    /** The interactive console, or null when standard input is not a terminal (or in-process). */
    Console console() {
        return console;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: serve, check, lint, test, diff, passwd or convert");
    }

    public static void main(String[] args) {
        // Buffered, flushed at every println (a long-running serve's messages appear at once);
        // check --batch writes with print and flushes itself when its input runs dry.
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8)), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        System.exit(execute(out, err, System.in, System.console(), args));
    }

    /** Runs the command line on the process's streams and returns its exit status. */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return execute(out, err, System.in, System.console(), args);
    }

    /**
     * Runs the command line in-process with the given streams and no terminal, and returns its
     * exit status: 0/1/3 for {@code check}'s allow/deny/partial, 2 for usage or policy errors
     * (docs/cli.md). Never throws: unexpected failures become one line on {@code err} and status 2.
     * Both writers are flushed before returning.
     */
    public static int execute(PrintWriter out, PrintWriter err, InputStream stdin, String... args) {
        return execute(out, err, stdin, null, args);
    }

    /** A usage error: the problem, the synopsis and where to read more; never the whole manual. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        CommandLine.Help help = commandLine.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        return EXIT_USAGE;
    }

    private static int execute(PrintWriter out, PrintWriter err, InputStream stdin, Console console, String... args) {
        try {
            return new CommandLine(new TopicguardCommand(stdin, console))
                    .setOut(out)
                    .setErr(err)
                    .setExitCodeExceptionMapper(e -> EXIT_USAGE)
                    .setParameterExceptionHandler(TopicguardCommand::usageError)
                    .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                        // A bug, not bad input: still one readable line, never a stack trace (issue 2).
                        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName()
                                + ": internal error: " + e);
                        return EXIT_USAGE;
                    })
                    .execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
