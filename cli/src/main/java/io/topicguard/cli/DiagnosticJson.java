package io.topicguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.engine.lint.DiagnosticCode;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code lint --format json}: a JSON array with one object per diagnostic, each on its own line so
 * the output also reads (and diffs) line by line:
 * <pre>
 * [
 * {"file":"policy.acl","line":3,"column":1,"severity":"warning","code":"TG101","name":"shadowed-rule","message":"...","hint":"..."}
 * ]
 * </pre>
 * Every object has every key; {@code hint} is null when there is none.
 */
final class DiagnosticJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DiagnosticJson() {
    }

    static String document(List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            return "[]\n";
        }
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < diagnostics.size(); i++) {
            out.append(line(diagnostics.get(i))).append(i + 1 < diagnostics.size() ? ",\n" : "\n");
        }
        return out.append("]\n").toString();
    }

    private static String line(Diagnostic diagnostic) {
        DiagnosticCode code = DiagnosticCode.of(diagnostic);
        ObjectNode node = JSON.createObjectNode()
                .put("file", diagnostic.position().file())
                .put("line", diagnostic.position().line())
                .put("column", diagnostic.position().column())
                .put("severity", diagnostic.severity().label())
                .put("code", code.id())
                .put("name", code.slug())
                .put("message", diagnostic.message())
                .put("hint", diagnostic.hint());
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of strings and numbers always serializes
        }
    }
}
