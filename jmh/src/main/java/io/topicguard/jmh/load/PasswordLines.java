package io.topicguard.jmh.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Writes password-file lines both brokers read: mosquitto's {@code $6$} form (docs/semantics.md, The password file),
 * SHA-512 of password then salt. Cheap on purpose: the load generator measures messages, not
 * connects, and must not need {@code mosquitto_passwd} to run topicguard alone.
 */
final class PasswordLines {

    static final String MOSQUITTO_PASSWD = "/usr/bin/mosquitto_passwd";

    private PasswordLines() {
    }

    /** The username of connect-storm client {@code i}; its password is {@link #stormPassword}. */
    static String stormUser(int i) {
        return "dev-" + i;
    }

    static String stormPassword(int i) {
        return "pw-" + i + "-secret";
    }

    /**
     * A password file of {@code users} storm users hashed by {@code mosquitto_passwd -U} at its
     * default cost ({@code $7$}, PBKDF2-SHA512), the file both brokers then read; made once per
     * size in {@code dir} and reused.
     */
    static Path pbkdf2File(Path dir, int users) throws IOException, InterruptedException {
        Path file = dir.resolve("passwd-pbkdf2-" + users);
        if (Files.exists(file)) {
            return file;
        }
        Path plain = dir.resolve("passwd-plain-" + users);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < users; i++) {
            lines.append(stormUser(i)).append(':').append(stormPassword(i)).append('\n');
        }
        Files.writeString(plain, lines, StandardCharsets.UTF_8);
        Process hash = new ProcessBuilder(MOSQUITTO_PASSWD, "-U", plain.toString()).redirectErrorStream(true).start();
        String output = new String(hash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (hash.waitFor() != 0 || !Files.readString(plain).contains("$7$")) {
            throw new IOException(MOSQUITTO_PASSWD + " -U failed: " + output);
        }
        Files.move(plain, file);
        return file;
    }

    /** {@code username:$6$SALT_B64$HASH_B64}, with a fixed 12-byte salt (the length mosquitto 2.0 insists on) so runs are reproducible. */
    static String sha512Line(String username, String password) {
        byte[] salt = "tg-load-salt".getBytes(StandardCharsets.US_ASCII);
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            sha512.update(password.getBytes(StandardCharsets.UTF_8));
            sha512.update(salt);
            Base64.Encoder b64 = Base64.getEncoder();
            return username + ":$6$" + b64.encodeToString(salt) + "$" + b64.encodeToString(sha512.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-512", e);
        }
    }
}
