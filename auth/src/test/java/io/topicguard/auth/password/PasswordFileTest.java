package io.topicguard.auth.password;

import io.topicguard.auth.password.PasswordFile.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class PasswordFileTest {

    @TempDir
    Path dir;

    private static PasswordFile vectors() throws Exception {
        return PasswordFile.load(vectorsPath());
    }

    private static Path vectorsPath() throws URISyntaxException {
        return Path.of(PasswordFileTest.class.getResource("vectors.passwd").toURI());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Path file(String content) throws IOException {
        Path file = dir.resolve("passwd");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
            "alice   | correct horse",   // $7$ by mosquitto_passwd 2.0.11
            "bob     | hunter2",         // $7$ by mosquitto_passwd 2.0.11
            "carol   | p@ss:wörd",       // $7$, 1000 iterations, UTF-8 password
            "dave    | dave-secret",     // $6$ by mosquitto_passwd -H sha512
            "frank   | sha512-legacy",   // $6$ by python hashlib
            "gina    | ünïcödé",         // $7$ by python hashlib
            "erin    | erin-pw",         // $2y$ by htpasswd -B
            "erin-2a | erin-pw",
            "erin-2b | erin-pw",
            "hank    | hank-bcrypt",
    })
    void knownAnswerVectorsVerify(String user, String password) throws Exception {
        assertThat(vectors().verify(user, utf8(password))).isEqualTo(Verification.OK);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"alice", "bob", "carol", "dave", "frank", "gina", "erin", "erin-2a", "erin-2b", "hank", "ivy"})
    void wrongPasswordIsRejectedForEveryFormat(String user) throws Exception {
        assertThat(vectors().verify(user, utf8("not the password"))).isEqualTo(Verification.BAD_PASSWORD);
    }

    @Test
    void passwordThatDiffersOnlyInTheLastByteIsRejected() throws Exception {
        assertThat(vectors().verify("alice", utf8("correct horsf"))).isEqualTo(Verification.BAD_PASSWORD);
        assertThat(vectors().verify("alice", utf8("correct horse "))).isEqualTo(Verification.BAD_PASSWORD);
    }

    @Test
    void bcryptUsesOnlyTheFirst72BytesAsHtpasswdDoes() throws Exception {
        PasswordFile users = vectors();
        assertThat(users.verify("ivy", utf8("x".repeat(80)))).isEqualTo(Verification.OK);
        assertThat(users.verify("ivy", utf8("x".repeat(72) + "yyyy"))).isEqualTo(Verification.OK);
        assertThat(users.verify("ivy", utf8("x".repeat(71)))).isEqualTo(Verification.BAD_PASSWORD);
    }

    @Test
    void unknownUserIsReportedAsSuch() throws Exception {
        assertThat(vectors().verify("mallory", utf8("hunter2"))).isEqualTo(Verification.UNKNOWN_USER);
        assertThat(vectors().verify(null, utf8("hunter2"))).isEqualTo(Verification.UNKNOWN_USER);
        assertThat(vectors().verify("mallory", new byte[0])).isEqualTo(Verification.UNKNOWN_USER);
        assertThat(vectors().verify("Alice", utf8("correct horse")))
                .as("usernames are case-sensitive").isEqualTo(Verification.UNKNOWN_USER);
    }

    @Test
    void emptyPasswordNeverAuthenticatesEvenWhenTheStoredHashIsOfTheEmptyPassword() throws Exception {
        byte[] salt = utf8("some-salt");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        sha512.update(salt); // SHA-512("" || salt)
        Base64.Encoder b64 = Base64.getEncoder();
        Path file = file("empty:$6$" + b64.encodeToString(salt) + "$" + b64.encodeToString(sha512.digest()) + "\n");

        PasswordFile users = PasswordFile.load(file);

        assertThat(users.verify("empty", new byte[0])).isEqualTo(Verification.BAD_PASSWORD);
        assertThat(users.verify("empty", null)).isEqualTo(Verification.BAD_PASSWORD);
    }

    @Test
    void commentsBlankLinesCrlfAndSurroundingBlanksAreToleratedAsMosquittoDoes() throws Exception {
        String bob = Files.readAllLines(vectorsPath()).stream().filter(l -> l.startsWith("bob:")).findFirst().orElseThrow();
        String dave = Files.readAllLines(vectorsPath()).stream().filter(l -> l.startsWith("dave:")).findFirst().orElseThrow();
        Path file = file("# users\r\n\r\n   \r\n" + bob + "  \t\r\n  # indented comment\n"
                + dave.replace("dave:", " dave :\t") + "\r\n");

        PasswordFile users = PasswordFile.load(file);

        assertThat(users.size()).isEqualTo(2);
        assertThat(users.usernames()).containsExactlyInAnyOrder("bob", "dave");
        assertThat(users.verify("bob", utf8("hunter2"))).isEqualTo(Verification.OK);
        assertThat(users.verify("dave", utf8("dave-secret"))).isEqualTo(Verification.OK);
    }

    @Test
    void emptyFileHasNoUsers() throws Exception {
        PasswordFile users = PasswordFile.load(file(""));
        assertThat(users.size()).isZero();
        assertThat(users.contains("alice")).isFalse();
    }

    @Test
    void containsAndSizeReflectTheFile() throws Exception {
        PasswordFile users = vectors();
        assertThat(users.size()).isEqualTo(11);
        assertThat(users.contains("carol")).isTrue();
        assertThat(users.contains("zed")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "line without colon        | alice                                   | expected username:hash, found no ':'",
            "empty username            | :$6$c2FsdA==$AAAA                       | empty username before ':'",
            "empty hash                | alice:                                  | user 'alice': empty password hash",
            "plain-text password       | alice:secret-token                      | user 'alice': unknown hash format (expected $7$ PBKDF2-SHA512, $6$ salted SHA-512 or bcrypt $2a$/$2b$/$2y$; plain-text passwords are not accepted)",
            "md5-crypt                 | alice:$1$abcdefgh$secret-token          | user 'alice': unknown hash format (expected $7$ PBKDF2-SHA512, $6$ salted SHA-512 or bcrypt $2a$/$2b$/$2y$; plain-text passwords are not accepted)",
            "$7$ missing a field       | alice:$7$101$c2FsdA==                   | user 'alice': a $7$ hash must be $7$ITERATIONS$SALT$HASH",
            "$7$ bad iterations        | alice:$7$many$c2FsdA==$AAAA             | user 'alice': the iteration count of a $7$ hash must be a positive integer",
            "$7$ zero iterations       | alice:$7$0$c2FsdA==$AAAA                | user 'alice': the iteration count of a $7$ hash must be a positive integer",
            "$7$ bad salt              | alice:$7$101$!!!!$AAAA                  | user 'alice': salt of the $7$ hash is not valid base64",
            "$7$ short hash            | alice:$7$101$c2FsdA==$AAAA              | user 'alice': the hash of a $7$ hash must be 64 bytes, got 3",
            "$6$ extra field           | alice:$6$c2FsdA==$AAAA$AAAA             | user 'alice': a $6$ hash must be $6$SALT$HASH",
            "$6$ empty salt            | alice:$6$$AAAA                          | user 'alice': empty salt of the $6$ hash",
            "bcrypt truncated          | alice:$2b$10$secret-token               | user 'alice': a bcrypt hash must be $2b$COST$ followed by 53 characters of salt and hash",
            "bcrypt cost out of range  | alice:$2b$99$P5kWy3LypUDYU4RSSzj8Juq4JrcWR8NYq7BHrPAcO5gYkuQZPxAW2 | user 'alice': the cost of a bcrypt hash must be 04..31, got 99",
    })
    void malformedLineIsRejectedNamingFileAndLineButNeverTheHash(String what, String line, String message) throws Exception {
        Path file = file("# header\n\n" + line + "\n");

        assertThatThrownBy(() -> PasswordFile.load(file))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ":3: " + message)
                .message().doesNotContain("secret-token").doesNotContain("P5kWy3Ly");
    }

    @Test
    void userListedTwiceIsRejectedNamingBothLines() throws Exception {
        String bob = Files.readAllLines(vectorsPath()).stream().filter(l -> l.startsWith("bob:")).findFirst().orElseThrow();
        Path file = file(bob + "\n# again\n" + bob + "\n");

        assertThatThrownBy(() -> PasswordFile.load(file))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ":3: user 'bob' is already defined on line 1");
    }

    @Test
    void invalidUtf8IsRejectedWithItsLine() throws Exception {
        Path file = dir.resolve("passwd");
        Files.write(file, new byte[]{'#', '\n', 'a', (byte) 0xC3, ':', '$', '6', '$', '\n'});

        assertThatThrownBy(() -> PasswordFile.load(file))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ":2: not valid UTF-8");
    }

    @Test
    void missingFileSaysNotFound() {
        Path file = dir.resolve("nope");
        assertThatThrownBy(() -> PasswordFile.load(file))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ": not found");
    }

    @Test
    void directorySaysSo() {
        assertThatThrownBy(() -> PasswordFile.load(dir))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(dir + ": is a directory, not a password file");
    }

    @Test
    void unreadableFileSaysPermissionDenied() throws Exception {
        Path file = file("alice:$6$c2FsdA==$AAAA\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: permissions are not enforced");

        assertThatThrownBy(() -> PasswordFile.load(file))
                .isInstanceOf(PasswordFileException.class)
                .hasMessage(file + ": permission denied");
    }
}
