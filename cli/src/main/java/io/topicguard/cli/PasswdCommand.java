package io.topicguard.cli;

import io.topicguard.auth.password.PasswordFileEditor;
import io.topicguard.auth.password.PasswordFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code topicguard passwd FILE USERNAME} (docs/semantics.md, The password file; docs/cli.md): adds or updates one user of a
 * mosquitto-compatible password file with a {@code $7$} hash.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = {
                "Add a user to a password file, or change a user's password ($7$ PBKDF2-SHA512, as mosquitto_passwd writes).",
                "The password is the first line of standard input when it is not a terminal; otherwise it is asked for twice.",
                "A missing file is created with mode 0600; other lines and comments are kept; the file is replaced atomically."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the user was added or updated",
                "1:the file could not be read or written",
                "2:usage error: bad username, empty password, passwords that do not match"})
public final class PasswdCommand implements Callable<Integer> {

    static final int EXIT_FILE_ERROR = 1;

    @Spec
    CommandSpec spec;

    @ParentCommand
    TopicguardCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "The password file.")
    Path file;

    @Parameters(index = "1", paramLabel = "USERNAME", description = "The user to add or update.")
    String username;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String problem = PasswordFileEditor.usernameProblem(username);
        if (problem != null) {
            err.println("topicguard passwd: " + problem);
            return TopicguardCommand.EXIT_USAGE;
        }
        byte[] password;
        try {
            password = parent.console() != null ? PasswordInput.prompt(parent.console()) : PasswordInput.firstLine(parent.stdin());
        } catch (PasswordInput.Refused e) {
            err.println("topicguard passwd: " + e.getMessage());
            return TopicguardCommand.EXIT_USAGE;
        }
        try {
            if (password.length == 0) {
                // docs/semantics.md, The password file: a zero-length password never authenticates, so storing one is a mistake.
                err.println("topicguard passwd: the password must not be empty");
                return TopicguardCommand.EXIT_USAGE;
            }
            PasswordFileEditor.Change change = PasswordFileEditor.setPassword(file, username, password);
            spec.commandLine().getOut().println((change == PasswordFileEditor.Change.ADDED ? "added user " : "updated user ")
                    + username + " in " + file);
            return 0;
        } catch (PasswordFileException e) {
            err.println("topicguard passwd: " + e.getMessage());
            return EXIT_FILE_ERROR;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }
}
