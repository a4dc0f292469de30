package io.topicguard.dsl.imports;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;

import java.util.List;

/**
 * The outcome of reading a rule file of any format: the policy or its errors, exactly as the
 * native parser reports them, plus warnings about lines whose topicguard reading may surprise
 * someone used to the source broker (each located at the original line).
 *
 * @param warnings {@link Diagnostic.Severity#WARNING} diagnostics in file order; empty for native policies
 */
public record ImportResult(ParseResult result, List<Diagnostic> warnings) {

    public ImportResult {
        warnings = List.copyOf(warnings);
    }
}
