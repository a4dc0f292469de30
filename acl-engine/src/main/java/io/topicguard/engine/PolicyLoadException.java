package io.topicguard.engine;

import io.topicguard.dsl.Diagnostic;

import java.util.List;
import java.util.stream.Collectors;

/** A policy could not be loaded; {@link #diagnostics()} says where and why, every problem at once. */
public final class PolicyLoadException extends Exception {

    private final transient List<Diagnostic> diagnostics;

    public PolicyLoadException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
