package io.topicguard.dsl.ast;

import java.util.Objects;

/**
 * Where something was written: the file as the user named it (relative paths stay relative so
 * messages read like the command line), a 1-based line and a 1-based column.
 */
public record SourcePosition(String file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }

    /** {@code file:line}, the form used in explanations and denial log lines. */
    public String fileAndLine() {
        return file + ":" + line;
    }

    /** {@code file:line:col}, the form used in diagnostics. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
