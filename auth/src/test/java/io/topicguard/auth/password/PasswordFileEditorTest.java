package io.topicguard.auth.password;

import io.topicguard.auth.password.PasswordFile.Verification;
import io.topicguard.auth.password.PasswordFileEditor.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordFileEditorTest {

    private static final Pattern MOSQUITTO_7 = Pattern.compile("\\$7\\$101\\$([A-Za-z0-9+/]{16})\\$([A-Za-z0-9+/]{86}==)");

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void newFileIsCreatedOwnerOnlyAndTheUserVerifies() throws Exception {
        Path file = dir.resolve("passwd");

        Change change = PasswordFileEditor.setPassword(file, "alice", utf8("s3cret"));

        assertThat(change).isEqualTo(Change.ADDED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        PasswordFile users = PasswordFile.load(file);
        assertThat(users.verify("alice", utf8("s3cret"))).isEqualTo(Verification.OK);
        assertThat(users.verify("alice", utf8("s3creT"))).isEqualTo(Verification.BAD_PASSWORD);
    }

    @Test
    void writtenHashIsMosquittosDefaultFormatAndMatchesTheJdksPbkdf2() throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFileEditor.setPassword(file, "bob", utf8("hunter2"));

        String line = Files.readString(file);
        assertThat(line).startsWith("bob:$7$101$").endsWith("\n");
        Matcher m = MOSQUITTO_7.matcher(line.substring("bob:".length()).trim());
        assertThat(m.matches()).as("12-byte salt, 64-byte hash, padded standard base64: %s", line).isTrue();

        // An independent implementation: the JDK's PBKDF2 over the decoded salt.
        byte[] salt = Base64.getDecoder().decode(m.group(1));
        byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec("hunter2".toCharArray(), salt, 101, 512)).getEncoded();
        assertThat(Base64.getDecoder().decode(m.group(2))).isEqualTo(expected);
    }

    @Test
    void twoHashesOfTheSamePasswordUseDifferentSalts() throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFileEditor.setPassword(file, "a", utf8("same"));
        PasswordFileEditor.setPassword(file, "b", utf8("same"));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0).substring(2)).isNotEqualTo(lines.get(1).substring(2));
    }

    @Test
    void updateReplacesTheEntryInPlaceAndKeepsEveryOtherLineByteForByte() throws Exception {
        Path file = dir.resolve("passwd");
        PasswordFileEditor.setPassword(file, "alice", utf8("one"));
        PasswordFileEditor.setPassword(file, "carol", utf8("three"));
        List<String> before = Files.readAllLines(file);
        Files.writeString(file, "# fleet users\n" + before.get(0) + "\n\n  # devices below\n" + before.get(1) + "\n");

        Change change = PasswordFileEditor.setPassword(file, "alice", utf8("two"));

        assertThat(change).isEqualTo(Change.UPDATED);
        List<String> after = Files.readAllLines(file);
        assertThat(after).hasSize(5);
        assertThat(after.get(0)).isEqualTo("# fleet users");
        assertThat(after.get(1)).startsWith("alice:$7$101$").isNotEqualTo(before.get(0));
        assertThat(after.subList(2, 5)).containsExactly("", "  # devices below", before.get(1));
        PasswordFile users = PasswordFile.load(file);
        assertThat(users.verify("alice", utf8("two"))).isEqualTo(Verification.OK);
        assertThat(users.verify("alice", utf8("one"))).isEqualTo(Verification.BAD_PASSWORD);
        assertThat(users.verify("carol", utf8("three"))).isEqualTo(Verification.OK);
    }

    @Test
    void updateOfAUserListedTwiceKeepsOnlyTheFirstPlace() throws Exception {
        Path file = dir.resolve("passwd");
        Files.writeString(file, "dup:$6$c2FsdA==$AAAA\nother:$6$c2FsdA==$BBBB\n dup :$6$c2FsdA==$CCCC\n");

        PasswordFileEditor.setPassword(file, "dup", utf8("fixed"));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("dup:$7$");
        assertThat(lines.get(1)).isEqualTo("other:$6$c2FsdA==$BBBB");
    }

    @Test
    void crlfFileStaysCrlfAndAFileWithoutFinalNewlineGetsOne() throws Exception {
        Path file = dir.resolve("passwd");
        Files.writeString(file, "# windows\r\nalice:$6$c2FsdA==$AAAA\r\n#last");

        PasswordFileEditor.setPassword(file, "alice", utf8("x"));
        PasswordFileEditor.setPassword(file, "zoe", utf8("y"));

        String content = Files.readString(file);
        assertThat(content).startsWith("# windows\r\nalice:$7$101$").contains("\r\n#last\nzoe:$7$101$").endsWith("\n");
        assertThat(PasswordFile.load(file).verify("zoe", utf8("y"))).isEqualTo(Verification.OK);
    }

    @Test
    void existingFileKeepsItsPermissions() throws Exception {
        Path file = dir.resolve("passwd");
        Files.writeString(file, "# shared with the broker's group\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        PasswordFileEditor.setPassword(file, "alice", utf8("x"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (var entries = Files.list(dir)) {
            assertThat(entries).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void editingThroughASymlinkUpdatesTheTargetAndKeepsTheLink() throws Exception {
        Path real = dir.resolve("real-passwd");
        Files.writeString(real, "");
        Path link = Files.createSymbolicLink(dir.resolve("passwd"), real);

        PasswordFileEditor.setPassword(link, "alice", utf8("x"));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(PasswordFile.load(real).contains("alice")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a:b", "#admin", " alice", "alice ", "new\nline", "tab\there"})
    void unstorableUsernameIsRefusedAndNothingIsWritten(String username) {
        Path file = dir.resolve("passwd");

        assertThat(PasswordFileEditor.usernameProblem(username)).isNotNull();
        assertThatThrownBy(() -> PasswordFileEditor.setPassword(file, username, utf8("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the username must not");
        assertThat(file).doesNotExist();
    }

    @Test
    void usernameProblemNamesTheColon() {
        assertThat(PasswordFileEditor.usernameProblem("a:b"))
                .isEqualTo("the username must not contain ':' (it separates the username from the hash)");
        assertThat(PasswordFileEditor.usernameProblem("sensor-01.eu")).isNull();
        assertThat(PasswordFileEditor.usernameProblem("ünïcödé")).isNull();
    }

    @Test
    void emptyPasswordIsRefused() {
        Path file = dir.resolve("passwd");
        assertThatThrownBy(() -> PasswordFileEditor.setPassword(file, "alice", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the password must not be empty");
        assertThat(file).doesNotExist();
    }

    @Test
    void missingDirectoryIsNamed() {
        Path file = dir.resolve("no-such-dir").resolve("passwd");
        assertThatThrownBy(() -> PasswordFileEditor.setPassword(file, "alice", utf8("x")))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ": cannot be written: directory " + file.getParent() + " not found");
    }

    @Test
    void malformedExistingFileIsRefusedRatherThanGuessedAt() throws Exception {
        Path file = dir.resolve("passwd");
        Files.write(file, new byte[]{'a', (byte) 0xFF, ':', 'x', '\n'});

        assertThatThrownBy(() -> PasswordFileEditor.setPassword(file, "alice", utf8("x")))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ":1: not valid UTF-8");
    }
}
