package io.topicguard.broker.reload;

import java.time.Instant;
import java.util.List;

/**
 * What is loaded now and how the last reload went, as {@code GET /policy} shows it.
 *
 * @param files          the policy files in force, the main file first
 * @param loadedAt       when the policy in force was loaded
 * @param ruleCount      its allow/deny rules, includes expanded
 * @param passwordFile   the password file in force, or null when serving without one
 * @param lastError      why the last reload attempt failed, or null when it succeeded (or none failed yet)
 * @param lastErrorAt    when that attempt was made, or null
 * @param reloads        successful reloads since start
 * @param failures       failed reload attempts since start
 */
public record PolicyStatus(List<LoadedFile> files, Instant loadedAt, int ruleCount, LoadedFile passwordFile,
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
