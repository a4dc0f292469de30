package io.topicguard.engine;

import java.util.Objects;

/**
 * Where a deciding statement was written: the policy file as the user named it, a 1-based line and
 * a 1-based column.
 */
public record Source(String file, int line, int column) {

    public Source {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }

    /** {@code file:line}, the form used in explanations and denial log lines. */
    public String fileAndLine() {
        return file + ":" + line;
    }

    /** {@code file:line:column}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
