package io.topicguard.engine;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;

/**
 * A file a policy was read from: what a broker watches to reload, and what it reports as loaded.
 *
 * @param displayName the name used in decisions' sources and in diagnostics
 * @param path        the resolved path, or null for a policy given as a string
 * @param sha256      hex SHA-256 of the bytes that were read
 */
public record PolicyFile(String displayName, @Nullable Path path, String sha256) {
}
