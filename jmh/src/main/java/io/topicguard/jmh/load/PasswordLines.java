package io.topicguard.jmh.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Writes password-file lines both brokers read: mosquitto's {@code $6$} form (docs/semantics.md, The password file),
 * SHA-512 of password then salt. Cheap on purpose: the load generator measures messages, not
 * connects, and must not need {@code mosquitto_passwd} to run topicguard alone.
 */
final class PasswordLines {

    private PasswordLines() {
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
