package io.topicguard.auth.reload;

import io.topicguard.dsl.PolicyFormat;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the policy comes from: a file and the format it is written in. The broker loads it at
 * start and every reload loads it again the same way, so a mosquitto {@code acl_file} or an EMQX
 * {@code acl.conf} stays one on every reload. Immutable.
 *
 * @param file   the main policy file; includes are found relative to it (native format only)
 * @param format the format {@code file} is written in
 */
public record PolicySource(Path file, PolicyFormat format) {

    public PolicySource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
    }

    /** {@code file} in the format its name suggests ({@link PolicyFormat#forFile(Path)}). */
    public static PolicySource of(Path file) {
        return new PolicySource(file, PolicyFormat.forFile(file));
    }

    /**
     * Reads and compiles the policy now, on the calling thread.
     *
     * @throws PolicyLoadException with every located problem when the file does not load
     */
    public Policy load() throws PolicyLoadException {
        return Policy.load(file, format);
    }
}
