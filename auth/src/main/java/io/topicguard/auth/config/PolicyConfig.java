package io.topicguard.auth.config;

import java.nio.file.Path;
import java.util.Objects;

/** {@code policy:} — the policy file (resolved against the configuration file's directory) and its format. */
public record PolicyConfig(Path file, PolicyFormat format) {
    public PolicyConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
    }
}
