package io.topicguard.dsl.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.topicguard.dsl.acltest.AclTestParser;
import io.topicguard.dsl.acltest.AclTestResult;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader of {@code topicguard test} files on any text: expectations or located errors, never an exception. */
class AclTestParserFuzzTest {

    private static final String FILE = "fuzz.acltest";

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        AclTestResult result = AclTestParser.parseString(FILE, text);
        if (result instanceof AclTestResult.Failure failure) {
            LocatedDiagnostics.assertLocated(failure.diagnostics(), FILE, text);
        } else {
            assertThat(((AclTestResult.Success) result).file().expectations()).isNotNull();
        }
    }
}
