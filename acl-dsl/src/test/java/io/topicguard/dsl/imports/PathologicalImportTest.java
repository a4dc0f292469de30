package io.topicguard.dsl.imports;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Absurd input ends in diagnostics, quickly, never in an exception or a hang. */
class PathologicalImportTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void deeplyNestedErlangTermsAreADiagnostic() {
        String text = "{allow, " + "[".repeat(50_000) + "]".repeat(50_000) + "}.";
        ImportResult result = PolicyImporter.parseString("acl.conf", text, PolicyFormat.EMQX);
        assertThat(result.result()).isInstanceOf(ParseResult.Failure.class);
        assertThat(((ParseResult.Failure) result.result()).diagnostics()).extracting(Diagnostic::message)
                .noneSatisfy(m -> assertThat(m).contains("internal error"));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void manyBadLinesStopAtTheErrorLimit() {
        String text = "nonsense line\n".repeat(5_000);
        List<Diagnostic> errors = Imports.errors("acl", text, PolicyFormat.MOSQUITTO);
        assertThat(errors.size()).isLessThanOrEqualTo(1_001);
        assertThat(errors.get(errors.size() - 1).message()).startsWith("too many errors");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void warningsStopAtTheLimitToo() {
        List<Diagnostic> warnings = Imports.of("acl", "user u\n" + "topic x\n".repeat(3_000), PolicyFormat.MOSQUITTO).warnings();
        assertThat(warnings).hasSize(1_001);
        assertThat(warnings.get(1_000).message()).isEqualTo("too many warnings; stopped after 1000");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void largeValidFilesImport() {
        StringBuilder acl = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            acl.append("user u").append(i).append("\ntopic readwrite devices/").append(i).append("/#\n");
        }
        assertThat(Imports.rules("acl", acl.toString(), PolicyFormat.MOSQUITTO)).hasSize(20_000);
    }
}
