package io.topicguard.cli;

import io.topicguard.auth.password.PasswordFile;
import io.topicguard.auth.password.PasswordFile.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topicguard passwd FILE USERNAME} with the password on standard input (docs/semantics.md, The password file; docs/cli.md). */
class PasswdCommandTest {

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createsAnOwnerOnlyFileWithAUserThatVerifies() throws Exception {
        Path file = dir.resolve("passwd");

        Cli.Run run = Cli.runWithStdin("correct horse\n", "passwd", file.toString(), "alice");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).isEqualTo("added user alice in " + file + "\n");
        assertThat(run.err()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("alice:$7$101$");
        assertThat(PasswordFile.load(file).verify("alice", utf8("correct horse"))).isEqualTo(Verification.OK);
    }

    @Test
    void updatesAnExistingUserAndKeepsTheOthers() throws Exception {
        Path file = dir.resolve("passwd");
        Cli.runWithStdin("one\n", "passwd", file.toString(), "alice");
        Cli.runWithStdin("bee\n", "passwd", file.toString(), "bob");

        Cli.Run run = Cli.runWithStdin("two\n", "passwd", file.toString(), "alice");

        assertThat(run.out()).isEqualTo("updated user alice in " + file + "\n");
        PasswordFile users = PasswordFile.load(file);
        assertThat(users.size()).isEqualTo(2);
        assertThat(users.verify("alice", utf8("two"))).isEqualTo(Verification.OK);
        assertThat(users.verify("bob", utf8("bee"))).isEqualTo(Verification.OK);
    }

    @Test
    void onlyTheFirstLineIsThePasswordWithoutItsLineEnd() throws Exception {
        Path file = dir.resolve("passwd");

        Cli.runWithStdin("first line\r\nsecond line\n", "passwd", file.toString(), "alice");

        PasswordFile users = PasswordFile.load(file);
        assertThat(users.verify("alice", utf8("first line"))).isEqualTo(Verification.OK);
        assertThat(users.verify("alice", utf8("first line\r"))).isEqualTo(Verification.BAD_PASSWORD);
    }

    @Test
    void passwordWithoutFinalNewlineIsTakenWhole() throws Exception {
        Path file = dir.resolve("passwd");

        Cli.runWithStdin("  spaces are kept  ", "passwd", file.toString(), "alice");

        assertThat(PasswordFile.load(file).verify("alice", utf8("  spaces are kept  "))).isEqualTo(Verification.OK);
    }

    @Test
    void emptyPasswordIsRefusedWithStatusTwoAndNoFile() {
        Path file = dir.resolve("passwd");

        Cli.Run emptyLine = Cli.runWithStdin("\nignored\n", "passwd", file.toString(), "alice");
        Cli.Run endOfInput = Cli.runWithStdin("", "passwd", file.toString(), "alice");

        for (Cli.Run run : new Cli.Run[]{emptyLine, endOfInput}) {
            assertThat(run.status()).as("%s", run).isEqualTo(2);
            assertThat(run.err()).isEqualTo("topicguard passwd: the password must not be empty\n");
            assertThat(run.out()).isEmpty();
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void usernameWithAColonIsRefusedWithStatusTwo() {
        Path file = dir.resolve("passwd");

        Cli.Run run = Cli.runWithStdin("pw\n", "passwd", file.toString(), "a:b");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("topicguard passwd: the username must not contain ':' (it separates the username from the hash)\n");
        assertThat(file).doesNotExist();
    }

    @Test
    void usernameThatWouldBeACommentIsRefused() {
        Cli.Run run = Cli.runWithStdin("pw\n", "passwd", dir.resolve("passwd").toString(), "#root");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("topicguard passwd: the username must not start with '#' (the line would be a comment)\n");
    }

    @Test
    void passwordLongerThanMqttAllowsIsRefused() {
        Path file = dir.resolve("passwd");

        Cli.Run run = Cli.runWithStdin("x".repeat(70_000) + "\n", "passwd", file.toString(), "alice");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("topicguard passwd: the password must not be longer than 65535 bytes (MQTT-1.5.6)\n");
        assertThat(file).doesNotExist();
    }

    @Test
    void unwritableLocationExitsOneNamingTheFile() {
        Path file = dir.resolve("missing-dir").resolve("passwd");

        Cli.Run run = Cli.runWithStdin("pw\n", "passwd", file.toString(), "alice");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("topicguard passwd: " + file + ": cannot be written: directory " + file.getParent() + " not found\n");
    }

    @Test
    void malformedExistingFileIsNotTouched() throws Exception {
        Path file = dir.resolve("passwd");
        byte[] original = {'a', (byte) 0xFF, ':', 'x', '\n'};
        Files.write(file, original);

        Cli.Run run = Cli.runWithStdin("pw\n", "passwd", file.toString(), "alice");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("topicguard passwd: " + file + ":1: not valid UTF-8\n");
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
    }

    @Test
    void missingArgumentsAreAUsageError() {
        Cli.Run run = Cli.run("passwd", dir.resolve("passwd").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("topicguard passwd: Missing required parameter: 'USERNAME'");
    }
}
