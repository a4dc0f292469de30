package io.topicguard.dsl.acltest;

import io.topicguard.dsl.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The test-file grammar: what each valid expectation means, and each mistake's located diagnostic. */
class AclTestParserTest {

    private static final String NAME = "t.acltest";

    private static Expectation only(String text) {
        AclTestResult result = AclTestParser.parseString(NAME, text);
        assertThat(result).as("parses: " + text).isInstanceOf(AclTestResult.Success.class);
        List<Expectation> expectations = ((AclTestResult.Success) result).file().expectations();
        assertThat(expectations).hasSize(1);
        return expectations.get(0);
    }

    private static List<Diagnostic> errors(String text) {
        AclTestResult result = AclTestParser.parseString(NAME, text);
        assertThat(result).as("rejects: " + text).isInstanceOf(AclTestResult.Failure.class);
        return ((AclTestResult.Failure) result).diagnostics();
    }

    /** One row: the text and what its single expectation says, written back in a canonical form. */
    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("expect allow username \"sensor-17\" clientid \"sensor-17\" publish \"telemetry/sensor-17/t\" qos 1",
                        "allow client(sensor-17, user sensor-17) publish telemetry/sensor-17/t qos 1 retain false"),
                Arguments.of("expect deny anonymous connect", "deny client(, user null) connect qos 0 retain false"),
                Arguments.of("expect partial username \"ops\" subscribe \"devices/#\"",
                        "partial client(, user ops) subscribe devices/# qos 0 retain false"),
                Arguments.of("expect deny username \"bob\" publish \"a/b\" because default",
                        "deny client(, user bob) publish a/b qos 0 retain false because default"),
                Arguments.of("expect deny username \"bob\" publish \"a/b\" retain because rule at \"policy.acl:12\"",
                        "deny client(, user bob) publish a/b qos 0 retain true because rule at policy.acl:12"),
                Arguments.of("expect allow username \"bob\" publish \"a/b\" retain false qos 2 at \"C:\\\\p\\\\policy.acl:3\"",
                        "allow client(, user bob) publish a/b qos 2 retain false at C:\\p\\policy.acl:3"),
                Arguments.of("expect deny clientid \"c\" anonymous subscribe \"x\" qos 2 because anonymous",
                        "deny client(c, user null) subscribe x qos 2 retain false because anonymous"),
                Arguments.of("expect allow username \"\\u00e9\\\"\" publish \"a\\tb\"",
                        "allow client(, user é\") publish a\tb qos 0 retain false"),
                Arguments.of("# comment\n  expect\tallow   username \"u\"  # why\n  connect",
                        "allow client(, user u) connect qos 0 retain false"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valid")
    void readsWhatEachExpectationSays(String text, String meaning) {
        Expectation e = only(text);
        String shown = e.verdict().word() + " client(" + e.client().clientId() + ", user " + e.client().username() + ") "
                + e.action().word() + (e.topic() == null ? "" : " " + e.topic()) + " qos " + e.qos() + " retain " + e.retain()
                + (e.reason() == null ? "" : " because " + e.reason().word()) + (e.at() == null ? "" : " at " + e.at());
        assertThat(shown).isEqualTo(meaning);
    }

    @Test
    void keepsEveryClientAttributeAndTheExpectationsPositionAndText() {
        String text = "\n  expect allow username \"u\" clientid \"c\" cn \"d1.example\" ip \"10.1.2.3\" listener \"tls\"\n"
                + "      subscribe \"a/#\"   # trailing comment\n";
        Expectation e = only(text);
        assertThat(e.client()).isEqualTo(new TestClient("c", "u", e.client().address(), "d1.example", "tls"));
        assertThat(e.client().address().address()).containsExactly(10, 1, 2, 3);
        assertThat(e.position().toString()).isEqualTo(NAME + ":2:3");
        assertThat(e.text()).isEqualTo("expect allow username \"u\" clientid \"c\" cn \"d1.example\" ip \"10.1.2.3\" listener \"tls\"\n"
                + "      subscribe \"a/#\"");
    }

    @Test
    void anEmptyFileOrOneOfCommentsHasNoExpectations() {
        for (String text : List.of("", "# nothing yet\n", "\uFEFF\n\n")) {
            AclTestResult result = AclTestParser.parseString(NAME, text);
            assertThat(((AclTestResult.Success) result).file().expectations()).isEmpty();
        }
    }

    private static Arguments row(String text, int line, int column, String message, String hint) {
        return Arguments.of(text, line, column, message, hint);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                row("expect maybe connect", 1, 8,
                        "expected 'allow', 'deny' or 'partial' after 'expect', found unknown word 'maybe'", null),
                row("expect allow", 1, 13,
                        "expected a client attribute (username, clientid, cn, ip, listener or anonymous) or a question (connect, publish or subscribe) after 'allow'", null),
                row("expect allow usrname \"x\" connect", 1, 14,
                        "expected a client attribute (username, clientid, cn, ip, listener or anonymous) or a question (connect, publish or subscribe) after 'allow', found unknown word 'usrname'",
                        "did you mean 'username'?"),
                row("expect allow username bob connect", 1, 23,
                        "expected a string after 'username', found unknown word 'bob'",
                        "names and topics are written in double quotes, e.g. \"bob\""),
                row("expect allow username \"u\" publish", 1, 34,
                        "expected a string after 'publish'", null),
                row("expect allow username \"u\" connect qos 1", 1, 35,
                        "expected 'because', 'at' or the next 'expect' after 'connect', found 'qos'",
                        "qos belongs after publish or subscribe, retain after publish"),
                row("expect allow username \"u\" subscribe \"a\" retain", 1, 41,
                        "expected 'qos', 'because', 'at' or the next 'expect' after '\"a\"', found 'retain'",
                        "qos belongs after publish or subscribe, retain after publish"),
                row("expect deny username \"u\" connect because nobody", 1, 42,
                        "expected 'anonymous', 'rule', 'default', 'banned', 'superuser' or 'invalid' after 'because', found unknown word 'nobody'", null),
                row("expect deny username \"u\" connect because Rule", 1, 42,
                        "expected 'anonymous', 'rule', 'default', 'banned', 'superuser' or 'invalid' after 'because', found unknown word 'Rule'",
                        "keywords are lower case: 'rule'"),
                row("expect deny username \"u\" connect at 12", 1, 37,
                        "expected a string after 'at', found '12'", null),
                row("allow username \"u\" connect", 1, 1,
                        "expected 'expect', found 'allow'",
                        "every expectation starts with 'expect', e.g. expect allow username \"alice\" publish \"a/b\""),
                row("expect allow username \"u connect", 1, 23,
                        "unterminated string: no closing '\"' on this line",
                        "a string ends on the line it starts; write a line break inside it as \\n"),
                row("expect allow username 'u' connect", 1, 23,
                        "unexpected character \"'\"", "strings are written in double quotes: \"...\""),
                // Semantic errors: what the grammar cannot see.
                row("expect allow username \"a\" username \"b\" connect", 1, 27,
                        "username given twice in one expectation", "an expectation asks for one client; write another expectation for another"),
                row("expect deny anonymous username \"a\" connect", 1, 23,
                        "an anonymous client has no username", "write either anonymous or username \"...\""),
                row("expect deny username \"a\" anonymous connect", 1, 26,
                        "an anonymous client has no username", "write either anonymous or username \"...\""),
                row("expect allow username \"u\" ip \"10.0.0.300\" connect", 1, 30,
                        "\"10.0.0.300\" is not an IP address or CIDR block",
                        "write an IPv4 or IPv6 address or CIDR, e.g. \"10.0.0.0/8\" or \"fd00::/8\"; host names are not allowed"),
                row("expect allow username \"u\" ip \"10.0.0.0/8\" connect", 1, 39,
                        "a client has one address, not a CIDR block", "write the address alone, e.g. \"10.0.0.1\""),
                row("expect allow username \"u\" publish \"a\" qos 3", 1, 43,
                        "QoS is 0, 1 or 2, got 3", null),
                row("expect allow username \"u\" publish \"a\" qos 1 qos 1", 1, 45,
                        "qos given twice in one expectation", null),
                row("expect partial username \"u\" publish \"a\"", 1, 8,
                        "only a subscribe can be answered partial, not a publish", "expect allow or deny"),
                row("expect allow username \"u\" connect at \"policy.acl\"", 1, 38,
                        "expected the deciding statement as \"FILE:LINE\", got \"policy.acl\"",
                        "e.g. at \"policy.acl:12\"; the file may be named by its last path components"),
                row("expect allow username \"u\" connect at \"policy.acl:0\"", 1, 38,
                        "expected the deciding statement as \"FILE:LINE\", got \"policy.acl:0\"",
                        "e.g. at \"policy.acl:12\"; the file may be named by its last path components"),
                row("expect allow username \"a\\q\" connect", 1, 25,
                        "unknown escape '\\q' in a string",
                        "the escapes are \\\" \\\\ \\n \\t \\uXXXX; a regular expression needs its backslash doubled, e.g. \"\\\\d+\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("mistakes")
    void reportsEachMistakeAtItsPositionWithMessageAndHint(String text, int line, int column, String message, String hint) {
        List<Diagnostic> errors = errors(text);
        assertThat(errors).hasSize(1);
        Diagnostic error = errors.get(0);
        assertThat(error.message()).isEqualTo(message);
        assertThat(error.position().toString()).isEqualTo(NAME + ":" + line + ":" + column);
        assertThat(error.hint()).isEqualTo(hint);
        assertThat(error.sourceLine()).isEqualTo(text.split("\n", -1)[line - 1]);
    }

    @Test
    void reportsEveryBrokenExpectationOfAFileAtOnceAndFormatsThemLikePolicyErrors() {
        String text = """
                expect allow username "u" connect
                expect allow username "u" pubish "a"
                expect deny username "u" publish "a" qos 7
                expect allow username "u" subscribe "a"
                expect partial username "u" connect
                """;
        List<Diagnostic> errors = errors(text);
        assertThat(errors).extracting(d -> d.position().toString())
                .containsExactly(NAME + ":2:27", NAME + ":3:42", NAME + ":5:8");
        assertThat(errors.get(1).format()).isEqualTo("""
                t.acltest:3:42: error: QoS is 0, 1 or 2, got 7
                    expect deny username "u" publish "a" qos 7
                                                             ^""");
    }

    @Test
    void readsFilesAndReportsOnesThatCannotBeRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ok.acltest");
        Files.writeString(file, "expect deny anonymous connect\n");
        AclTestResult ok = AclTestParser.parseFile(file);
        assertThat(((AclTestResult.Success) ok).file().displayName()).isEqualTo(file.toString());

        AclTestResult missing = AclTestParser.parseFile(dir.resolve("missing.acltest"));
        assertThat(((AclTestResult.Failure) missing).diagnostics().get(0).format())
                .isEqualTo(dir.resolve("missing.acltest") + ":1:1: error: cannot read test file: no such file");

        Path binary = dir.resolve("binary.acltest");
        Files.write(binary, new byte[]{'e', 'x', (byte) 0xff, 0, 1, 2});
        assertThat(((AclTestResult.Failure) AclTestParser.parseFile(binary)).diagnostics().get(0).hint())
                .isEqualTo("test files are UTF-8 text; check that this is the file you meant");
    }

    @Test
    void pinnedLinesMatchTheDecidingFileByItsLastPathComponents() {
        PinnedLine at = new PinnedLine("policy.acl", 9);
        assertThat(at.matches("policy.acl", 9)).isTrue();
        assertThat(at.matches("examples/policy.acl", 9)).isTrue();
        assertThat(at.matches("examples\\policy.acl", 9)).isTrue();
        assertThat(at.matches("examples/policy.acl", 10)).isFalse();
        assertThat(at.matches("examples/other-policy.acl", 9)).isFalse();
        assertThat(new PinnedLine("tenants/acme.acl", 4).matches("examples/tenants/acme.acl", 4)).isTrue();
        assertThat(new PinnedLine("tenants/acme.acl", 4).matches("examples/acme.acl", 4)).isFalse();
    }
}
