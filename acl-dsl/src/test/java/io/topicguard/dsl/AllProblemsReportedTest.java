package io.topicguard.dsl;

import io.topicguard.dsl.ast.SourcePosition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/language.md, Errors: all problems of a file at once, not only the first, each at its own place. */
class AllProblemsReportedTest {

    @Test
    void syntaxAndSemanticErrorsOfEveryStatementAreReportedInOrder() {
        List<Diagnostic> errors = Parsing.errors("""
                default maybe
                allow all to publish "a/#/b", "${user}/x" qos 7
                allow all to publish qos 1
                deny username ~ "(" to subscribe "ok/+"
                alow all
                allow ip "10.0.0.999"
                """);
        assertThat(errors).extracting(d -> d.position().line() + ":" + d.position().column() + " " + d.message())
                .containsExactly(
                        "1:9 expected 'allow' or 'deny' after 'default', found unknown word 'maybe'",
                        "2:25 '#' must be the last level of a filter",
                        "2:32 unknown placeholder '${user}'",
                        "2:47 QoS must be 0, 1 or 2, got 7",
                        "3:22 expected a topic string after 'to publish', found 'qos'",
                        "4:18 invalid regular expression: missing closing ): `(`",
                        "5:1 expected a statement ('allow', 'deny', 'superuser', 'ban', 'include', 'client rules' or a setting), found unknown word 'alow'",
                        "6:10 \"10.0.0.999\" is not an IP address or CIDR block");
    }

    @Test
    void aValidStatementAfterABrokenOneOnTheSameLineIsStillParsed() {
        List<Diagnostic> errors = Parsing.errors("allow all to publish \"a\" qos 5 default allow default deny");
        assertThat(errors).extracting(Diagnostic::message).containsExactly(
                "QoS must be 0, 1 or 2, got 5",
                "'default' is set twice; first set at line 1");
    }

    @Test
    void formattedDiagnosticShowsFileLineColumnSourceCaretAndHint() {
        Diagnostic error = Parsing.onlyError("default deny\nallow all to publish qos 1\n");
        assertThat(error.format()).isEqualTo("""
                policy.acl:2:22: error: expected a topic string after 'to publish', found 'qos'
                    allow all to publish qos 1
                                         ^
                  hint: write the topic in double quotes, e.g. "devices/+/up" (or eq "..." for a literal, any for every topic)""");
    }

    @Test
    void aVeryLongLineIsShownAsAWindowAroundTheCaret() {
        String line = "x".repeat(5000) + "@" + "y".repeat(5000);
        Diagnostic diagnostic = new Diagnostic(Diagnostic.Severity.ERROR, new SourcePosition("p.acl", 1, 5001),
                "unexpected character '@'", line, null);
        String[] shown = diagnostic.format().split("\n");
        assertThat(shown[1].length()).isLessThan(200);
        assertThat(shown[1]).startsWith("    ...").endsWith("...");
        assertThat(shown[1].charAt(shown[2].length() - 1)).isEqualTo('@');
    }

    @Test
    void caretCountsCharactersNotUtf16Units() {
        Diagnostic error = Parsing.onlyError("allow username \"\uD83D\uDE00\" @");
        assertThat(error.position().column()).isEqualTo(20);
        String[] shown = error.format().split("\n");
        assertThat(shown[1].codePointAt(shown[1].offsetByCodePoints(0, shown[2].length() - 1))).isEqualTo('@');
    }
}
