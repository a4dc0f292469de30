package io.topicguard.engine;

import io.topicguard.dsl.Diagnostic;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy could not be loaded or compiled; {@link #diagnostics()} says where and why, every
 * problem at once; the message is all of them formatted as the command line prints them.
 */
public final class PolicyLoadException extends Exception {

    private final transient List<Diagnostic> diagnostics;

    PolicyLoadException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every error found, in reading order; never empty. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
