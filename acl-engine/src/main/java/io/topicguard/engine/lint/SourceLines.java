package io.topicguard.engine.lint;

import io.topicguard.dsl.ast.SourceFile;
import io.topicguard.dsl.ast.SourcePosition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The text of a policy line for a warning's caret display, read lazily from the policy's files. */
final class SourceLines {

    private final Map<String, SourceFile> files = new HashMap<>();
    private final Map<String, List<String>> lines = new HashMap<>();

    SourceLines(List<SourceFile> sources) {
        for (SourceFile file : sources) {
            files.put(file.displayName(), file);
        }
    }

    /** The line at {@code position}, or "" when the file cannot be read (a warning is still useful). */
    String lineAt(SourcePosition position) {
        List<String> text = lines.computeIfAbsent(position.file(), this::read);
        int index = position.line() - 1;
        return index < text.size() ? text.get(index) : "";
    }

    private List<String> read(String displayName) {
        SourceFile file = files.get(displayName);
        if (file == null || file.path() == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(file.path(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
