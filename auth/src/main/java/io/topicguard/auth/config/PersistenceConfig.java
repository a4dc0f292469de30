package io.topicguard.auth.config;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;

/**
 * {@code persistence:} — the directory the broker keeps sessions and retained messages in, or
 * memory only ({@code persistence: false}, {@link #dir()} null). Absent from the file, it is
 * {@code data} beside the configuration file.
 */
public record PersistenceConfig(@Nullable Path dir) {

    /** {@code persistence: false}. */
    public static final PersistenceConfig MEMORY_ONLY = new PersistenceConfig(null);

    public boolean enabled() {
        return dir != null;
    }
}
