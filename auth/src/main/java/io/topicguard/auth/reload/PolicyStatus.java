package io.topicguard.auth.reload;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link Reloader} holds in force and how its reloads went, as a status endpoint shows
 * it (the broker's {@code GET /policy}). Immutable.
 *
 * @param source        where the policy comes from (file and format), or null when there is no policy to reload
 * @param files         the policy files in force, the main file first
 * @param loadedAt      when the policy in force was loaded
 * @param ruleCount     its allow/deny rules, includes expanded (0 with no policy source)
 * @param passwordFiles the password files in force, in chain order (empty without one)
 * @param lastError     why the last reload attempt failed, or null when it succeeded (or none failed yet)
 * @param lastErrorAt   when that attempt was made, or null
 * @param reloads       files reloaded since start (a reload of the policy and a password file counts two)
 * @param failures      files that failed to reload since start
 */
public record PolicyStatus(@Nullable PolicySource source, List<LoadedFile> files, Instant loadedAt, int ruleCount,
                           List<LoadedFile> passwordFiles, @Nullable String lastError, @Nullable Instant lastErrorAt,
                           long reloads, long failures) {

    public PolicyStatus {
        files = List.copyOf(files);
        passwordFiles = List.copyOf(passwordFiles);
    }

    /** The first password file in force, or null without one. */
    public @Nullable LoadedFile passwordFile() {
        return passwordFiles.isEmpty() ? null : passwordFiles.get(0);
    }

    /**
     * One file in force.
     *
     * @param name     as it appears in positions and diagnostics
     * @param path     the absolute path watched (null for a policy that was not read from a file)
     * @param sha256   hex SHA-256 of the bytes loaded
     * @param loadedAt when those bytes were loaded (null when a password file could not be read at start)
     */
    public record LoadedFile(String name, @Nullable String path, String sha256, @Nullable Instant loadedAt) {
    }
}
