package io.topicguard.dsl.acltest;

import io.topicguard.dsl.Diagnostic;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Like policies, every malformed test file yields located diagnostics: never an exception, and
 * never the parser's "internal error" fallback, which would mean a bug caught rather than a
 * mistake reported.
 */
class AclTestParserNeverThrowsTest {

    private static final List<String> TOKENS = List.of(
            "expect", "expect", "allow", "deny", "partial", "anonymous", "username", "clientid", "cn", "ip", "listener",
            "connect", "publish", "subscribe", "qos", "retain", "true", "false", "because", "rule", "default", "banned",
            "superuser", "invalid", "at", "0", "2", "7", "99999999999", "\"u\"", "\"a/b\"", "\"\"", "\"10.0.0.1\"",
            "\"10.0.0.0/8\"", "\"::1\"", "\"host\"", "\"p.acl:3\"", "\"p.acl\"", "\":0\"", "\"\\u00e9\"", "\"\\q\"",
            "\"unterminated", "# comment\n", "\n", "@", "usrname", "Allow", "'", "\u0000", "\uD83D\uDE00");

    @Property(tries = 500)
    void tokenSoupsGetLocatedDiagnosticsOrExpectations(@ForAll("tokenSoup") String text) {
        AclTestResult result = AclTestParser.parseString("fuzz.acltest", text);
        if (result instanceof AclTestResult.Failure failure) {
            int lines = text.split("\n", -1).length;
            assertThat(failure.diagnostics()).allSatisfy(d -> {
                assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR);
                assertThat(d.position().line()).isBetween(1, lines);
                assertThat(d.message()).isNotBlank().doesNotStartWith("internal error");
                assertThat(d.format()).startsWith(d.position() + ": error: ");
            });
        } else {
            List<Expectation> expectations = ((AclTestResult.Success) result).file().expectations();
            assertThat(expectations).allSatisfy(e -> assertThat(e.text()).startsWith("expect"));
        }
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(40).map(tokens -> String.join(" ", tokens));
    }
}
