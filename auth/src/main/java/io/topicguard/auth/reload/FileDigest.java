package io.topicguard.auth.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex SHA-256 of file contents: what tells a real edit from a touch. */
final class FileDigest {

    private FileDigest() {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The file's digest, or a marker naming why it cannot be read (so "now unreadable" counts as a change). */
    static String sha256OrProblem(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        }
    }
}
