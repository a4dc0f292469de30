package io.topicguard.engine.lint;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.imports.ImportResult;
import io.topicguard.dsl.imports.PolicyImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of diagnostic gets its own stable code, read from the wording the parser and linter use. */
class DiagnosticCodeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-06-01T00:00:00Z"), ZoneOffset.UTC);

    /** The policy's diagnostics: its errors, or when it loads, its lint warnings. */
    private static List<Diagnostic> diagnostics(String policy) {
        ParseResult result = PolicyParser.parseString("p.acl", policy, null);
        if (result instanceof ParseResult.Failure failure) {
            return failure.diagnostics();
        }
        return PolicyLinter.lint(((ParseResult.Success) result).policy(), CLOCK);
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("allow all to publish qos 1", "TG001"),
                Arguments.of("allow all @", "TG001"),
                Arguments.of("allow username \"a", "TG001"),
                Arguments.of("allow username \"a\\q\"", "TG002"),
                Arguments.of("allow all to publish \"a/#/b\"", "TG003"),
                Arguments.of("allow all to publish \"a+\"", "TG003"),
                Arguments.of("allow all to publish \"\"", "TG003"),
                Arguments.of("allow all to publish \"$share/g/a\"", "TG004"),
                Arguments.of("allow all to publish \"a/${user}\"", "TG005"),
                Arguments.of("allow all to publish \"a/${username\"", "TG005"),
                Arguments.of("allow username ~ \"(\" to publish \"a\"", "TG006"),
                Arguments.of("allow ip \"10.0.0.300\"", "TG007"),
                Arguments.of("allow ip \"10.0.0.0/40\"", "TG007"),
                Arguments.of("allow all to publish \"a\" qos 3", "TG008"),
                Arguments.of("allow all to publish \"a\" qos 2..1", "TG008"),
                Arguments.of("allow all to subscribe \"a\" retain true", "TG009"),
                Arguments.of("default deny\ndefault allow", "TG010"),
                Arguments.of("allow all to publish \"a\" qos 1 qos 2", "TG011"),
                Arguments.of("ban all until \"soon\"", "TG012"),
                Arguments.of("include \"other.acl\"", "TG013"),
                Arguments.of("allow " + "(".repeat(300) + "all" + ")".repeat(300), "TG015"),
                Arguments.of("allow all to publish \"a\"\nclient rules\nclient rules", "TG016"),
                Arguments.of("allow all to publish \"a/#\"\nallow username \"x\" to publish \"a/b\"", "TG101"),
                Arguments.of("allow username \"x\" to subscribe \"#\"", "TG102"),
                Arguments.of("default allow", "TG103"),
                Arguments.of("anonymous allow", "TG104"),
                Arguments.of("ban all until \"2027-01-01\"", "TG105"),
                Arguments.of("allow anonymous and username \"x\" to publish \"a\"", "TG106"),
                Arguments.of("allow username \"x\" to subscribe \"c/${clientid}\"", "TG109"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @MethodSource("kinds")
    void eachKindOfDiagnosticHasItsCode(String policy, String code) {
        List<Diagnostic> diagnostics = diagnostics(policy);
        assertThat(diagnostics).as("a policy that reports something").isNotEmpty();
        assertThat(diagnostics).extracting(d -> DiagnosticCode.of(d).id() + " " + d.message()).first().asString().startsWith(code + " ");
    }

    @Test
    void unreadableFilesAndImportWarningsHaveTheirCodes(@TempDir Path dir) throws Exception {
        Path binary = Files.write(dir.resolve("b.acl"), new byte[]{'a', (byte) 0xff});
        ParseResult.Failure failure = (ParseResult.Failure) PolicyParser.parseFile(binary);
        assertThat(DiagnosticCode.of(failure.diagnostics().get(0))).isEqualTo(DiagnosticCode.UNREADABLE_FILE);
        ParseResult.Failure missing = (ParseResult.Failure) PolicyParser.parseFile(dir.resolve("none.acl"));
        assertThat(DiagnosticCode.of(missing.diagnostics().get(0))).isEqualTo(DiagnosticCode.UNREADABLE_FILE);

        Path including = Files.writeString(dir.resolve("i.acl"), "include \"missing.acl\"\n");
        ParseResult.Failure missingInclude = (ParseResult.Failure) PolicyParser.parseFile(including);
        assertThat(DiagnosticCode.of(missingInclude.diagnostics().get(0))).isEqualTo(DiagnosticCode.INCLUDE_PROBLEM);

        PolicyAst noClientRules = ((ParseResult.Success) PolicyParser.parseString("p.acl", "allow all", null)).policy();
        assertThat(ClientRulesLint.ignoredCarriedRules(noClientRules, List.of("jwt"))).singleElement()
                .extracting(DiagnosticCode::of).isEqualTo(DiagnosticCode.CLIENT_RULES_IGNORED);
        PolicyAst qosRule = ((ParseResult.Success) PolicyParser.parseString("p.acl", "allow all to publish \"a\" qos 1", null)).policy();
        assertThat(MosquittoLint.unenforcedOptions(qosRule)).singleElement()
                .extracting(DiagnosticCode::of).isEqualTo(DiagnosticCode.UNENFORCED_FOR_MOSQUITTO);

        Path mosquitto = Files.writeString(dir.resolve("acl_file"), "pattern readwrite users/%u/#\n");
        ImportResult imported = PolicyImporter.parse(mosquitto, PolicyFormat.MOSQUITTO);
        assertThat(imported.warnings()).isNotEmpty();
        assertThat(imported.warnings()).extracting(DiagnosticCode::of).containsOnly(DiagnosticCode.IMPORT_DIFFERENCE);
    }

    @Test
    void codesAndNamesAreUniqueAndNumberedBySeverity() {
        Set<String> ids = Arrays.stream(DiagnosticCode.values()).map(DiagnosticCode::id).collect(Collectors.toSet());
        Set<String> slugs = Arrays.stream(DiagnosticCode.values()).map(DiagnosticCode::slug).collect(Collectors.toSet());
        assertThat(ids).hasSize(DiagnosticCode.values().length);
        assertThat(slugs).hasSize(DiagnosticCode.values().length);
        for (DiagnosticCode code : DiagnosticCode.values()) {
            assertThat(code.id()).matches(code.severity() == Diagnostic.Severity.ERROR ? "TG0\\d\\d" : "TG[12]\\d\\d");
            assertThat(code.slug()).matches("[a-z]+(-[a-z0-9]+)*");
        }
    }
}
