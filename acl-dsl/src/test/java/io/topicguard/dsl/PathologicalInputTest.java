package io.topicguard.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Input built to break a parser: never an exception, never a hang, always located diagnostics.
 * The timeouts are generous bounds against hangs on a loaded machine, not speed assertions.
 */
class PathologicalInputTest {

    private static final Duration HANG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static List<Diagnostic> errorsWithin(String text) {
        return assertTimeoutPreemptively(HANG, () -> Parsing.errors(text));
    }

    @Test
    void hundredThousandOpenParenthesesAreTooDeepNotAStackOverflow() {
        List<Diagnostic> errors = errorsWithin("allow " + "(".repeat(100_000) + "all" + ")".repeat(100_000));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).message()).isEqualTo("nesting too deep: more than 100 levels of parentheses and 'not'");
        assertThat(errors.get(0).position().column()).isEqualTo(107);
    }

    @Test
    void hundredThousandNotsAreTooDeep() {
        List<Diagnostic> errors = errorsWithin("deny " + "not ".repeat(100_000) + "all");
        assertThat(errors.get(0).message()).startsWith("nesting too deep");
    }

    @Test
    void nestingUpToTheLimitParses() {
        String who = "not (".repeat(50) + "all" + ")".repeat(50);
        assertThat(Parsing.policy("allow " + who).statements()).hasSize(1);
    }

    @Test
    void longFlatExpressionsAreNotNesting() {
        String who = String.join(" or ", java.util.Collections.nCopies(20_000, "not username \"u\""));
        assertThat(assertTimeoutPreemptively(HANG, () -> Parsing.policy("allow " + who)).statements()).hasSize(1);
    }

    @Test
    void tenMegabyteSingleLineOfGarbageGetsLocatedDiagnostics() {
        List<Diagnostic> errors = errorsWithin("@".repeat(10_000_000));
        assertThat(errors).isNotEmpty();
        assertThat(errors.get(0).position().line()).isEqualTo(1);
        assertThat(errors.get(0).format().length()).isLessThan(1000);
    }

    @Test
    void tenMegabyteSingleLineOfRulesParses() {
        StringBuilder line = new StringBuilder();
        int i = 0;
        while (line.length() < 10_000_000) {
            line.append("allow username \"u").append(i++).append("\" to publish \"t/").append(i).append("\" ");
        }
        int expected = i;
        assertThat(assertTimeoutPreemptively(HANG, () -> Parsing.policy(line.toString())).statements()).hasSize(expected);
    }

    @Test
    void tenMegabyteStringAndTopicIsReportedTooLongNotCrashed() {
        List<Diagnostic> errors = errorsWithin("allow all to publish \"" + "a".repeat(10_000_000) + "\"");
        assertThat(errors).extracting(Diagnostic::message)
                .containsExactly("a topic must not be longer than 65535 UTF-8 bytes");
    }

    @Test
    void hugeLiteralsAreClippedInMessages() {
        String huge = "w".repeat(1_000_000);
        assertThat(errorsWithin("allow " + huge)).singleElement()
                .satisfies(d -> assertThat(d.message()).hasSizeLessThan(300));
        assertThat(errorsWithin("allow ip \"" + huge + "\" ban all until \"" + huge + "\""))
                .hasSize(2).allSatisfy(d -> assertThat(d.message()).hasSizeLessThan(300));
    }

    @Test
    void millionsOfErrorsStopAtTheLimit() {
        List<Diagnostic> errors = errorsWithin("allow all to publish \"a\" qos 9\n".repeat(5_000));
        assertThat(errors).hasSize(1001);
        assertThat(errors.get(1000).message()).isEqualTo("too many errors; stopped after 1000");
    }

    @Test
    void binaryGarbageFileGetsOneDiagnostic() throws IOException {
        byte[] bytes = new byte[100_000];
        new Random(42).nextBytes(bytes);
        Path file = dir.resolve("garbage.acl");
        Files.write(file, bytes);
        ParseResult result = assertTimeoutPreemptively(HANG, () -> PolicyParser.parseFile(file));
        assertThat(result).isInstanceOf(ParseResult.Failure.class);
        Diagnostic error = ((ParseResult.Failure) result).diagnostics().get(0);
        assertThat(error.position().file()).isEqualTo(file.toString());
        assertThat(error.message()).matches("not a UTF-8 text file: invalid byte 0x[0-9A-F]{2}|not a policy file: binary data \\(a NUL byte\\)");
    }

    @Test
    void fileWithNulBytesIsBinary() throws IOException {
        Path file = Files.writeString(dir.resolve("nul.acl"), "default deny\nallow\0all");
        Diagnostic error = ((ParseResult.Failure) PolicyParser.parseFile(file)).diagnostics().get(0);
        assertThat(error.message()).isEqualTo("not a policy file: binary data (a NUL byte)");
        assertThat(error.position().line()).isEqualTo(2);
        assertThat(error.position().column()).isEqualTo(6);
    }

    @Test
    void controlCharactersInTextAreNamedByCodePoint() {
        assertThat(Parsing.onlyError("allow all \u0007").message()).isEqualTo("unexpected character U+0007");
        assertThat(Parsing.onlyError("allow\0all").message()).isEqualTo("unexpected character U+0000");
    }

    @Test
    void emptyFileIsAValidPolicy() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.acl"));
        ParseResult result = PolicyParser.parseFile(file);
        assertThat(result).isInstanceOf(ParseResult.Success.class);
        assertThat(((ParseResult.Success) result).policy().statements()).isEmpty();
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertThat(Parsing.policy("\uFEFFdefault deny").statements()).hasSize(1);
    }

    @Test
    void nullArgumentsAreDiagnosticsToo() {
        assertThat(PolicyParser.parseString("x", null, null)).isInstanceOf(ParseResult.Failure.class);
        assertThat(PolicyParser.parseFile(null)).isInstanceOf(ParseResult.Failure.class);
    }
}
