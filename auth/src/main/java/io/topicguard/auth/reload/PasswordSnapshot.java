package io.topicguard.auth.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code username -> hash} pairs of a password file as text, to tell which users' passwords
 * a new version changed or removed (their connections are then ended). Only read after
 * {@link io.topicguard.auth.password.PasswordFile#load} accepted the file, so the lines are well formed.
 */
record PasswordSnapshot(Map<String, String> hashes, String sha256) {

    static final PasswordSnapshot NONE = new PasswordSnapshot(Map.of(), "");

    static PasswordSnapshot read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Map<String, String> hashes = new HashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\r?\n")) {
            String trimmed = line.strip();
            int colon = trimmed.indexOf(':');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || colon < 0) {
                continue;
            }
            hashes.put(trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1).strip());
        }
        return new PasswordSnapshot(Map.copyOf(hashes), FileDigest.sha256(bytes));
    }

    /** Users of this snapshot whose entry {@code next} removed or changed. */
    Set<String> revokedBy(PasswordSnapshot next) {
        Set<String> revoked = new HashSet<>();
        hashes.forEach((user, hash) -> {
            if (!hash.equals(next.hashes.get(user))) {
                revoked.add(user);
            }
        });
        return revoked;
    }
}
