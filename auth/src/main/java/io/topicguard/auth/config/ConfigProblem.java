package io.topicguard.auth.config;

/**
 * One problem of a configuration file, at the line and column (both from 1) where the offending
 * key or value starts. {@link #toString()} is the form the command line prints:
 * {@code FILE:LINE:COL: error: MESSAGE}.
 */
public record ConfigProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": error: " + message;
    }
}
