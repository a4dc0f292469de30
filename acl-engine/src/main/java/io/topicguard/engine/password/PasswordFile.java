package io.topicguard.engine.password;

import java.nio.file.Path;

/**
 * A mosquitto-compatible password file (DESIGN.md §6): {@code username:hash} lines, {@code #}
 * comments; hashes {@code $7$} (PBKDF2-HMAC-SHA512), {@code $6$} (salted SHA-512) and bcrypt.
 * Immutable and thread-safe. {@link #verify} is deliberately slow: never call it on a network
 * event loop.
 */
public final class PasswordFile {

    /** The outcome of one verification. */
    public enum Verification {
        OK, UNKNOWN_USER, BAD_PASSWORD
    }

    /**
     * Reads {@code file}.
     *
     * @throws PasswordFileException naming the file (and line) when it is missing, unreadable or malformed
     */
    public static PasswordFile load(Path file) throws PasswordFileException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Constant-time comparison; a zero-length password never authenticates. */
    public Verification verify(String username, byte[] password) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Whether {@code username} has an entry. */
    public boolean contains(String username) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Number of users. */
    public int size() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
