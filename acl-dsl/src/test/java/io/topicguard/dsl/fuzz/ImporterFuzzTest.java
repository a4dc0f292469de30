package io.topicguard.dsl.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.ast.SourceFile;
import io.topicguard.dsl.imports.ImportResult;
import io.topicguard.dsl.imports.common.ForeignFile;
import io.topicguard.dsl.imports.emqx.EmqxImporter;
import io.topicguard.dsl.imports.mosquitto.MosquittoImporter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mosquitto and EMQX importers on any bytes: a policy and located warnings, or located
 * errors, never an exception. The importers are called past {@code PolicyImporter}'s guard, which
 * would turn a bug into an "internal error" diagnostic: here a bug is a finding with its stack.
 */
class ImporterFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void mosquitto(byte[] input) {
        check("aclfile", input, MosquittoImporter::read);
    }

    @FuzzTest(maxDuration = "10m")
    void emqx(byte[] input) {
        check("acl.conf", input, EmqxImporter::read);
    }

    private static void check(String name, byte[] input, BiFunction<String, SourceFile, ImportResult> importer) {
        ForeignFile.Read read = ForeignFile.fromBytes(name, null, input);
        if (read.problem() != null) {
            return; // not UTF-8 text, or binary: refused before any rule is read
        }
        ImportResult imported = importer.apply(read.text(), read.file());
        List<Diagnostic> all = new ArrayList<>(imported.warnings());
        assertThat(imported.warnings()).allSatisfy(w -> assertThat(w.severity()).isEqualTo(Diagnostic.Severity.WARNING));
        if (imported.result() instanceof ParseResult.Failure failure) {
            all.addAll(failure.diagnostics());
        }
        LocatedDiagnostics.assertLocated(all, name, read.text());
    }
}
