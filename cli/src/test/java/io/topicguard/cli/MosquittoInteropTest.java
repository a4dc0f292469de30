package io.topicguard.cli;

import io.topicguard.auth.password.PasswordFile;
import io.topicguard.auth.password.PasswordFile.Verification;
import io.topicguard.testkit.mqtt.MosquittoProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Password files are interchangeable with mosquitto's (docs/semantics.md, The password file), checked against the real
 * programs with fresh random passwords and salts each run. Skipped where mosquitto is not
 * installed; .ci/run installs it.
 */
class MosquittoInteropTest {

    @TempDir
    Path dir;

    private int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("process-" + UUID.randomUUID() + ".log").toFile())
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        return process.exitValue();
    }

    @Test
    void passwordWrittenByMosquittoPasswdVerifies() throws Exception {
        assumeTrue(MosquittoProcess.installed("mosquitto_passwd"), "mosquitto_passwd is not installed");
        Path file = dir.resolve("passwd");
        Files.writeString(file, "");
        String password = "pw-" + UUID.randomUUID();

        assertThat(run("mosquitto_passwd", "-b", file.toString(), "alice", password)).isZero();
        assertThat(run("mosquitto_passwd", "-H", "sha512", "-b", file.toString(), "bob", password)).isZero();

        PasswordFile users = PasswordFile.load(file);
        assertThat(users.verify("alice", password.getBytes(StandardCharsets.UTF_8))).isEqualTo(Verification.OK);
        assertThat(users.verify("bob", password.getBytes(StandardCharsets.UTF_8))).isEqualTo(Verification.OK);
        assertThat(users.verify("alice", (password + "x").getBytes(StandardCharsets.UTF_8))).isEqualTo(Verification.BAD_PASSWORD);
    }

    @Test
    void passwordWrittenByTopicguardPasswdIsAcceptedByTheMosquittoBroker() throws Exception {
        assumeTrue(MosquittoProcess.installed("mosquitto") && MosquittoProcess.installed("mosquitto_pub"), "mosquitto and mosquitto_pub are not installed");
        Path file = dir.resolve("passwd");
        String password = "pw-" + UUID.randomUUID();
        assertThat(Cli.runWithStdin(password + "\n", "passwd", file.toString(), "alice").status()).isZero();
        // Started as root, mosquitto drops to its own user, which must be able to read the file.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (MosquittoProcess mosquitto = MosquittoProcess.start(dir, "mosquitto", "allow_anonymous false", "password_file " + file)) {
            String p = Integer.toString(mosquitto.port());
            assertThat(run("mosquitto_pub", "-h", "127.0.0.1", "-p", p, "-u", "alice", "-P", password, "-t", "t", "-m", "m"))
                    .as("right password").isZero();
            assertThat(run("mosquitto_pub", "-h", "127.0.0.1", "-p", p, "-u", "alice", "-P", password + "x", "-t", "t", "-m", "m"))
                    .as("wrong password").isNotZero();
        }
    }
}
