package io.topicguard.auth.config;

import java.nio.file.Path;
import java.util.Objects;

/** {@code - password-file: FILE} — a mosquitto-compatible password file. */
public record PasswordFileConfig(Path file) implements AuthenticatorConfig {
    public PasswordFileConfig {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String kind() {
        return "password-file";
    }
}
