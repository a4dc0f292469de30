package io.topicguard.dsl.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native policy parser on any text: a policy or located errors, never an exception
 * (docs/fuzzing.md says how to run a campaign; {@code mvn verify} replays the seeds in
 * {@code PolicyParserFuzzTestInputs/}).
 */
class PolicyParserFuzzTest {

    private static final String FILE = "fuzz.acl";

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        ParseResult result = PolicyParser.parseString(FILE, text, null);
        if (result instanceof ParseResult.Failure failure) {
            assertThat(failure.diagnostics()).allSatisfy(d -> assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR));
            LocatedDiagnostics.assertLocated(failure.diagnostics(), FILE, text);
        } else {
            assertThat(((ParseResult.Success) result).policy()).isNotNull();
        }
    }
}
