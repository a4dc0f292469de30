package io.topicguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.engine.lint.DiagnosticCode;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * {@code lint --format sarif}: the diagnostics as a SARIF 2.1.0 log, which code hosts and CI
 * systems show inline on a change. One run; the tool's rules are every {@link DiagnosticCode} (so a
 * result's {@code ruleIndex} is stable); columns count characters (code points), as topicguard's
 * diagnostics do, which the run declares with {@code columnKind}.
 */
final class SarifLog {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SarifLog() {
    }

    static String document(List<Diagnostic> diagnostics, String toolVersion) {
        ObjectNode log = JSON.createObjectNode().put("$schema", SCHEMA).put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver")
                .put("name", "topicguard")
                .put("version", toolVersion);
        ArrayNode rules = driver.putArray("rules");
        for (DiagnosticCode code : DiagnosticCode.values()) {
            ObjectNode rule = rules.addObject().put("id", code.id()).put("name", code.slug());
            rule.putObject("shortDescription").put("text", code.description());
            rule.putObject("defaultConfiguration").put("level", level(code.severity()));
        }
        run.put("columnKind", "unicodeCodePoints");
        ArrayNode results = run.putArray("results");
        for (Diagnostic diagnostic : diagnostics) {
            DiagnosticCode code = DiagnosticCode.of(diagnostic);
            ObjectNode result = results.addObject()
                    .put("ruleId", code.id())
                    .put("ruleIndex", code.ordinal())
                    .put("level", level(diagnostic.severity()));
            String hint = diagnostic.hint();
            result.putObject("message").put("text", diagnostic.message() + (hint == null || hint.isEmpty() ? "" : "\nhint: " + hint));
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(diagnostic.position().file()));
            physical.putObject("region").put("startLine", diagnostic.position().line()).put("startColumn", diagnostic.position().column());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(log) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String level(Diagnostic.Severity severity) {
        return severity == Diagnostic.Severity.ERROR ? "error" : "warning";
    }

    /** The file as a relative URI reference (forward slashes, spaces and the like escaped), as SARIF requires. */
    static String uri(String file) {
        String path = file.replace('\\', '/');
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path;
        }
    }
}
