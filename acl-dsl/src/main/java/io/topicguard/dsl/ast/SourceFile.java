package io.topicguard.dsl.ast;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;

/**
 * A file a policy was read from.
 *
 * @param displayName the name used in positions and diagnostics
 * @param path        the resolved path (for watching and reloading), or null for a policy given as a string
 * @param sha256      hex SHA-256 of the bytes that were parsed
 */
public record SourceFile(String displayName, @Nullable Path path, String sha256) {
}
