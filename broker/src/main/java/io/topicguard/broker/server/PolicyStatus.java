package io.topicguard.broker.server;

import java.time.Instant;
import java.util.List;

/**
 * What a broker enforces now and how its reloads went, as {@code GET /policy} shows it. Immutable.
 *
 * @param source         where the policy comes from (file and format), or null for a broker started with a fixed access control
 * @param files          the policy files in force, the main file first
 * @param loadedAt       when the policy in force was loaded
 * @param ruleCount      its allow/deny rules, includes expanded (0 with no policy source)
 * @param passwordFile   the password file in force, or null when serving without one
 * @param lastError      why the last reload attempt failed, or null when it succeeded (or none failed yet)
 * @param lastErrorAt    when that attempt was made, or null
 * @param reloads        files reloaded since start (a reload of the policy and the password file counts two)
 * @param failures       files that failed to reload since start
 */
public record PolicyStatus(PolicySource source, List<LoadedFile> files, Instant loadedAt, int ruleCount, LoadedFile passwordFile,
                           String lastError, Instant lastErrorAt, long reloads, long failures) {

    /**
     * One file in force.
     *
     * @param name     as it appears in positions and diagnostics
     * @param path     the absolute path watched
     * @param sha256   hex SHA-256 of the bytes loaded
     * @param loadedAt when those bytes were loaded
     */
    public record LoadedFile(String name, String path, String sha256, Instant loadedAt) {
    }
}
