package io.topicguard.dsl;

import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.SourceFile;
import io.topicguard.dsl.ast.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Includes (docs/language.md): relative to the including file, expanded in place, with located failures. */
class IncludeTest {

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static PolicyAst success(ParseResult result) {
        assertThat(result).as(() -> result.toString()).isInstanceOf(ParseResult.Success.class);
        return ((ParseResult.Success) result).policy();
    }

    private static List<Diagnostic> failure(ParseResult result) {
        assertThat(result).as(() -> result.toString()).isInstanceOf(ParseResult.Failure.class);
        return ((ParseResult.Failure) result).diagnostics();
    }

    @Test
    void includedStatementsAreExpandedInPlaceAndShownRelativeToTheIncludingFile() throws IOException {
        Path main = write("policy/main.acl", "allow username \"a\"\ninclude \"tenants/acme.acl\"\ndeny all\n");
        write("policy/tenants/acme.acl", "allow username \"b\"\ninclude \"../common/base.acl\"\n");
        write("policy/common/base.acl", "allow username \"c\"\n");

        PolicyAst ast = success(PolicyParser.parseFile(main));

        assertThat(ast.statements()).extracting(Statement::text).containsExactly(
                "allow username \"a\"", "allow username \"b\"", "allow username \"c\"", "deny all");
        assertThat(ast.statements()).extracting(s -> s.position().toString()).containsExactly(
                main + ":1:1", dir.resolve("policy/tenants/acme.acl") + ":1:1",
                dir.resolve("policy/common/base.acl") + ":1:1", main + ":3:1");
        assertThat(ast.files()).extracting(SourceFile::displayName).containsExactly(
                main.toString(), dir.resolve("policy/tenants/acme.acl").toString(), dir.resolve("policy/common/base.acl").toString());
        assertThat(ast.files()).allSatisfy(f -> assertThat(f.sha256()).matches("[0-9a-f]{64}"));
        assertThat(ast.files().get(0).path()).isEqualTo(main);
    }

    @Test
    void aRelativeMainFileKeepsRelativeDisplayNames() throws IOException {
        write("main.acl", "include \"sub/inner.acl\"\n");
        write("sub/inner.acl", "default allow\n");
        Path cwd = Path.of("").toAbsolutePath();
        Path relative = cwd.relativize(dir.resolve("main.acl"));

        PolicyAst ast = success(PolicyParser.parseFile(relative));

        assertThat(ast.statements().get(0).position().file())
                .isEqualTo(relative.getParent().resolve("sub/inner.acl").normalize().toString());
        assertThat(ast.files().get(0).displayName()).isEqualTo(relative.toString());
        assertThat(ast.files()).allSatisfy(f -> assertThat(f.path().isAbsolute()).isTrue());
    }

    @Test
    void diagnosticsInsideAnIncludedFileNameThatFile() throws IOException {
        Path main = write("main.acl", "default deny\ninclude \"bad.acl\"\nallow all to publish \"a/#/b\"\n");
        write("bad.acl", "\nallow all to subscribe \"x\" qos 9\n");

        List<Diagnostic> errors = failure(PolicyParser.parseFile(main));

        assertThat(errors).extracting(d -> d.position().toString() + " " + d.message()).containsExactly(
                dir.resolve("bad.acl") + ":2:32 QoS must be 0, 1 or 2, got 9",
                main + ":3:25 '#' must be the last level of a filter");
        assertThat(errors.get(0).sourceLine()).isEqualTo("allow all to subscribe \"x\" qos 9");
    }

    @Test
    void aSettingRepeatedInAnIncludedFileNamesTheFirstOnesFileAndLine() throws IOException {
        Path main = write("main.acl", "default deny\ninclude \"more.acl\"\n");
        write("more.acl", "default allow\n");

        Diagnostic error = failure(PolicyParser.parseFile(main)).get(0);

        assertThat(error.position().toString()).isEqualTo(dir.resolve("more.acl") + ":1:1");
        assertThat(error.message()).isEqualTo("'default' is set twice; first set at " + main + ":1");
    }

    @Test
    void aMissingIncludeIsReportedAtTheIncludeStatement() throws IOException {
        Path main = write("main.acl", "default deny\ninclude \"nope.acl\"\n");

        Diagnostic error = failure(PolicyParser.parseFile(main)).get(0);

        assertThat(error.position().toString()).isEqualTo(main + ":2:9");
        assertThat(error.message()).isEqualTo("cannot include \"nope.acl\": no such file (" + dir.resolve("nope.acl") + ")");
    }

    @Test
    void aDirectoryIncludeIsReportedAsADirectory() throws IOException {
        Path main = write("main.acl", "include \"sub\"\n");
        Files.createDirectories(dir.resolve("sub"));

        Diagnostic error = failure(PolicyParser.parseFile(main)).get(0);

        assertThat(error.position().toString()).isEqualTo(main + ":1:9");
        assertThat(error.message()).isEqualTo("cannot include \"sub\": it is a directory (" + dir.resolve("sub") + ")");
    }

    @Test
    void anUnreadableIncludeIsReportedAsPermissionDenied() throws IOException {
        Path main = write("main.acl", "include \"secret.acl\"\n");
        Path secret = write("secret.acl", "default allow\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        // root reads any file, so the denial can only be observed as another user.
        assumeThat(Files.isReadable(secret)).as("running as a user that can be denied").isFalse();

        Diagnostic error = failure(PolicyParser.parseFile(main)).get(0);

        assertThat(error.position().toString()).isEqualTo(main + ":1:9");
        assertThat(error.message()).isEqualTo("cannot include \"secret.acl\": permission denied (" + secret + ")");
    }

    @Test
    void anIncludeCycleIsReportedWithTheWholeChain() throws IOException {
        Path a = write("a.acl", "include \"b.acl\"\n");
        write("b.acl", "allow all\ninclude \"c.acl\"\n");
        write("c.acl", "include \"a.acl\"\n");

        Diagnostic error = failure(PolicyParser.parseFile(a)).get(0);

        assertThat(error.position().toString()).isEqualTo(dir.resolve("c.acl") + ":1:9");
        assertThat(error.message()).isEqualTo("include cycle: " + a + " -> " + dir.resolve("b.acl") + " -> "
                + dir.resolve("c.acl") + " -> " + a);
    }

    @Test
    void aFileIncludingItselfIsACycle() throws IOException {
        Path a = write("self.acl", "include \"./self.acl\"\n");

        Diagnostic error = failure(PolicyParser.parseFile(a)).get(0);

        assertThat(error.message()).isEqualTo("include cycle: " + a + " -> " + a);
    }

    @Test
    void theSameFileIncludedTwiceWithoutACycleIsExpandedTwiceAndListedOnce() throws IOException {
        Path main = write("main.acl", "include \"x.acl\"\ninclude \"x.acl\"\n");
        write("x.acl", "allow all to publish \"x\"\n");

        PolicyAst ast = success(PolicyParser.parseFile(main));

        assertThat(ast.statements()).hasSize(2);
        assertThat(ast.files()).hasSize(2);
    }

    @Test
    void aMissingMainFileIsADiagnosticNotAnException() {
        Path missing = dir.resolve("absent.acl");

        Diagnostic error = failure(PolicyParser.parseFile(missing)).get(0);

        assertThat(error.format()).isEqualTo(missing + ":1:1: error: cannot read policy file: no such file");
    }

    @Test
    void aStringPolicyResolvesIncludesAgainstItsBaseDirectory() throws IOException {
        write("inc/one.acl", "deny all\n");

        PolicyAst ast = success(PolicyParser.parseString("<string>", "include \"inc/one.acl\"", dir));

        assertThat(ast.statements().get(0).position().toString()).isEqualTo("inc/one.acl:1:1");
    }

    @Test
    void anIncludedFileThatIsNotUtf8IsReportedAtItsFirstBadByte() throws IOException {
        Path main = write("main.acl", "include \"bin.acl\"\n");
        Files.write(dir.resolve("bin.acl"), new byte[]{'d', 'e', 'n', 'y', '\n', 'a', 'l', (byte) 0xFF, 'x'});

        Diagnostic error = failure(PolicyParser.parseFile(main)).get(0);

        assertThat(error.position().toString()).isEqualTo(dir.resolve("bin.acl") + ":2:3");
        assertThat(error.message()).isEqualTo("not a UTF-8 text file: invalid byte 0xFF");
    }
}
