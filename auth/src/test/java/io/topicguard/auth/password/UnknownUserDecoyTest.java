package io.topicguard.auth.password;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue: unknown users were checked against a decoy of mosquitto's default cost (101 iterations)
 * while the file's users had 210,000, so an unknown username answered 40 times faster and
 * usernames could be enumerated by timing. The decoy now has the file's most common cost; its
 * kind and cost are asserted here rather than timed.
 */
class UnknownUserDecoyTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private static String pbkdf2(int iterations) {
        byte[] salt = new byte[12];
        byte[] hash = new byte[64];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return new Pbkdf2Sha512Hash(iterations, salt, hash).encode();
    }

    private PasswordFile file(String... lines) throws Exception {
        Path f = dir.resolve("passwd");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return PasswordFile.load(f);
    }

    @Test
    void theDecoyCostsWhatMostOfTheFilesHashesCost() throws Exception {
        PasswordFile users = file("a:" + pbkdf2(30_000), "b:" + pbkdf2(30_000), "c:" + pbkdf2(101), "d:" + pbkdf2(30_000));
        assertThat(users.decoy()).isInstanceOfSatisfying(Pbkdf2Sha512Hash.class, d -> assertThat(d.iterations()).isEqualTo(30_000));
        assertThat(users.decoy().cost()).isEqualTo("$7$ 30000");
    }

    @Test
    void aBcryptFileGetsABcryptDecoyOfItsCost() throws Exception {
        String hash = new BcryptHash(org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2b",
                "pw".getBytes(StandardCharsets.UTF_8), new byte[16], 5)).encoded();
        PasswordFile users = file("a:" + hash, "b:" + pbkdf2(101));
        assertThat(users.decoy().cost()).as("a tie is broken by name, so the choice is stable").isEqualTo("bcrypt 05");
        PasswordFile bcryptOnly = file("a:" + hash);
        assertThat(bcryptOnly.decoy().cost()).isEqualTo("bcrypt 05");
        assertThat(bcryptOnly.verify("nobody", "pw".getBytes(StandardCharsets.UTF_8))).isEqualTo(PasswordFile.Verification.UNKNOWN_USER);
    }

    @Test
    void anEmptyFileKeepsTheDefaultDecoy() throws Exception {
        assertThat(file("# nobody yet").decoy().cost()).isEqualTo("$7$ 101");
    }
}
