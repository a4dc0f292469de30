package io.topicguard.dsl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every static error of docs/language.md, Errors and the syntax errors people make, each pinned to its exact
 * message, line, column and hint: the diagnostics are part of the product.
 */
class StaticErrorsTest {

    private static Arguments row(String policy, int line, int column, String message, String hint) {
        return Arguments.of(policy, line, column, message, hint);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("errors")
    void reportsTheErrorAtItsPositionWithMessageAndHint(String policy, int line, int column, String message, String hint) {
        Diagnostic error = Parsing.onlyError(policy);
        assertThat(error.severity()).isEqualTo(Diagnostic.Severity.ERROR);
        assertThat(error.message()).isEqualTo(message);
        assertThat(error.position().file()).isEqualTo(Parsing.NAME);
        assertThat(error.position().line()).as("line").isEqualTo(line);
        assertThat(error.position().column()).as("column").isEqualTo(column);
        assertThat(error.hint()).isEqualTo(hint);
        assertThat(error.sourceLine()).isEqualTo(policy.split("\n", -1)[line - 1]);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                row("default maybe", 1, 9,
                        "expected 'allow' or 'deny' after 'default', found unknown word 'maybe'", null),
                row("default", 1, 8,
                        "expected 'allow' or 'deny' after 'default'", null),
                row("anonymous", 1, 10,
                        "expected 'allow' or 'deny' after 'anonymous'", null),
                row("on deny", 1, 8,
                        "expected 'ignore' or 'disconnect' after 'on deny'", null),
                row("on allow ignore", 1, 4,
                        "expected 'deny' after 'on', found 'allow'", null),
                row("partial allow", 1, 9,
                        "expected 'deny' or 'filter' after 'partial', found 'allow'", null),
                row("allow all to publish qos 1", 1, 22,
                        "expected a topic string after 'to publish', found 'qos'", "write the topic in double quotes, e.g. \"devices/+/up\" (or eq \"...\" for a literal, any for every topic)"),
                row("allow all to publish", 1, 21,
                        "expected a topic string after 'to publish'", "write the topic in double quotes, e.g. \"devices/+/up\" (or eq \"...\" for a literal, any for every topic)"),
                row("allow all publish \"a\"", 1, 11,
                        "expected 'to', 'and', 'or' or the end of the statement after 'all', found 'publish'", "write 'to' before the actions, e.g. allow all to publish \"a/b\""),
                row("allow all to \"a\"", 1, 14,
                        "expected an action ('publish', 'subscribe' or 'all') after 'to', found \"a\"", null),
                row("allow usrname \"x\"", 1, 7,
                        "expected a who-expression (all, anonymous, username, clientid, cn, ip, listener, not or '(') after 'allow', found unknown word 'usrname'", "did you mean 'username'?"),
                row("allow username 5", 1, 16,
                        "expected 'in', '~' or a string after 'username', found '5'", null),
                row("allow username ~ 5", 1, 18,
                        "expected a string after '~', found '5'", null),
                row("allow ip 10", 1, 10,
                        "expected 'in' or a string after 'ip', found '10'", null),
                row("allow all to publish \"a\" \"b\"", 1, 26,
                        "expected 'qos', 'retain', ',' or the end of the statement after '\"a\"', found \"b\"", "separate list entries with ','"),
                row("allow all to publish \"a\" qos", 1, 29,
                        "expected a number after 'qos'", "QoS levels are 0, 1 or 2, e.g. qos 0..1 or qos 0, 2"),
                row("allow all to publish \"a\" qos 1..", 1, 33,
                        "expected a number after '..'", "QoS levels are 0, 1 or 2, e.g. qos 0..1 or qos 0, 2"),
                row("allow all to publish \"a\" retain maybe", 1, 33,
                        "expected 'true' or 'false' after 'retain', found unknown word 'maybe'", null),
                row("allow (all", 1, 11,
                        "expected 'and', 'or' or ')' after 'all'", null),
                row("allow all)", 1, 10,
                        "expected 'to', 'and', 'or' or the end of the statement after 'all', found ')'", null),
                row("allow username in []", 1, 20,
                        "expected a string after '[', found ']'", null),
                row("allow username in [\"a\" \"b\"]", 1, 24,
                        "expected ']' or ',' after '\"a\"', found \"b\"", "separate list entries with ','"),
                row("include", 1, 8,
                        "expected a string after 'include'", null),
                row("ban", 1, 4,
                        "expected a who-expression (all, anonymous, username, clientid, cn, ip, listener, not or '(') after 'ban'", null),
                row("superuser", 1, 10,
                        "expected a who-expression (all, anonymous, username, clientid, cn, ip, listener, not or '(') after 'superuser'", null),
                row("allow all to publish \"\"", 1, 22,
                        "a topic must not be empty", null),
                row("allow all to publish \"a/#/b\"", 1, 25,
                        "'#' must be the last level of a filter", "'#' stands alone as the last level: \"a/#\""),
                row("allow all to publish \"a+/b\"", 1, 24,
                        "'+' must occupy a whole level, e.g. \"a/+/b\"", "'+' stands alone in its level: \"a/+/b\""),
                row("allow all to publish \"a/\\u0000\"", 1, 25,
                        "a topic must not contain the NUL character", null),
                row("allow all to subscribe \"$share/group/devices/#\"", 1, 25,
                        "a rule topic must not start with '$share/': shared subscriptions are checked as the filter after '$share/GROUP/'", "write the rule for the topic without '$share/GROUP/', e.g. \"devices/#\""),
                row("allow all to publish \"x/${user}/y\"", 1, 25,
                        "unknown placeholder '${user}'", "did you mean ${username}?"),
                row("allow all to publish \"x/${client}\"", 1, 25,
                        "unknown placeholder '${client}'", "did you mean ${clientid}?"),
                row("allow all to publish \"x/${nope}\"", 1, 25,
                        "unknown placeholder '${nope}'", "the placeholders are ${username}, ${clientid} and ${cn}"),
                row("allow all to publish \"x/${username\"", 1, 25,
                        "'${' starts a placeholder that is never closed with '}'", "write ${username}, ${clientid} or ${cn}"),
                row("allow all to publish eq \"$share/g/a\"", 1, 26,
                        "a rule topic must not start with '$share/': shared subscriptions are checked as the filter after '$share/GROUP/'", "write the rule for the topic without '$share/GROUP/', e.g. \"a\""),
                row("superuser all to publish \"x\"", 1, 15,
                        "expected 'and', 'or' or the end of the statement after 'all', found 'to'",
                        "only allow and deny rules have a 'to' clause; superuser and ban statements cover every action and topic"),
                row("ban all until", 1, 14, "expected a string after 'until'", null),
                row("allow listener tls", 1, 16, "expected a string after 'listener', found unknown word 'tls'",
                        "names and topics are written in double quotes, e.g. \"tls\""),
                row("allow username ~ \"a(b\"", 1, 20,
                        "invalid regular expression: missing closing ): `a(b`", null),
                row("allow username ~ \"[(]x(a)(b\"", 1, 26,
                        "invalid regular expression: missing closing ): `[(]x(a)(b`", null),
                row("allow username ~ \"ab)\"", 1, 21,
                        "invalid regular expression: unmatched ')'", "remove the ')' or escape it as \\\\)"),
                row("allow username ~ \"x**\"", 1, 20,
                        "invalid regular expression: invalid nested repetition operator: `**`", "RE2 has no possessive or nested repetition; write a single operator, e.g. a+"),
                row("allow clientid ~ \"[z-a]\"", 1, 20,
                        "invalid regular expression: invalid character class range: `z-a`", null),
                row("allow cn ~ \"ab\\\\\"", 1, 15,
                        "invalid regular expression: trailing backslash at end of expression", "RE2 syntax; a backslash in a policy string is written \\\\, e.g. \"^sensor-\\\\d+$\""),
                row("allow ip \"10.0.0.256\"", 1, 10,
                        "\"10.0.0.256\" is not an IP address or CIDR block", "write an IPv4 or IPv6 address or CIDR, e.g. \"10.0.0.0/8\" or \"fd00::/8\"; host names are not allowed"),
                row("allow ip \"10.0.0.0/33\"", 1, 19,
                        "prefix length /33 is too long for an IPv4 address (at most /32)", null),
                row("allow ip \"fd00::/129\"", 1, 17,
                        "prefix length /129 is too long for an IPv6 address (at most /128)", null),
                row("allow ip \"example.com\"", 1, 10,
                        "\"example.com\" is not an IP address or CIDR block", "write an IPv4 or IPv6 address or CIDR, e.g. \"10.0.0.0/8\" or \"fd00::/8\"; host names are not allowed"),
                row("allow ip \"1:2:3:4:5:6:7:8:9\"", 1, 10,
                        "\"1:2:3:4:5:6:7:8:9\" is not an IP address or CIDR block", "write an IPv4 or IPv6 address or CIDR, e.g. \"10.0.0.0/8\" or \"fd00::/8\"; host names are not allowed"),
                row("allow ip \"fe80::1%eth0\"", 1, 10,
                        "\"fe80::1%eth0\" is not an IP address or CIDR block", "zone ids (%...) are not supported in a policy"),
                row("allow ip \"010.0.0.1\"", 1, 10,
                        "\"010.0.0.1\" is not an IP address or CIDR block", "write an IPv4 or IPv6 address or CIDR, e.g. \"10.0.0.0/8\" or \"fd00::/8\"; host names are not allowed"),
                row("allow ip \"10.0.0.0/\"", 1, 19,
                        "invalid prefix length '/' in \"10.0.0.0/\"", "a CIDR prefix is a number: 0..32 for IPv4, 0..128 for IPv6, e.g. \"10.0.0.0/8\""),
                row("allow all to publish \"a\" qos 3", 1, 30,
                        "QoS must be 0, 1 or 2, got 3", null),
                row("allow all to publish \"a\" qos 2..1", 1, 30,
                        "empty QoS range 2..1", "write the lower level first: qos 1..2"),
                row("allow all to publish \"a\" qos 99999999999999999999", 1, 30,
                        "QoS must be 0, 1 or 2, got 999999999999...", null),
                row("allow all to subscribe \"a\" retain true", 1, 28,
                        "'retain' applies only to publishing, and this rule's only action is 'subscribe'", "remove the retain option, or add 'publish' to the actions"),
                row("allow all to publish \"a\" qos 0 qos 1", 1, 32,
                        "'qos' is given twice in one rule (first at column 26)", "list every level once: qos 0, 1"),
                row("allow all to publish \"a\" retain true retain false", 1, 38,
                        "'retain' is given twice in one rule (first at column 26)", "keep one 'retain true' or 'retain false'"),
                row("default deny\ndefault allow", 2, 1,
                        "'default' is set twice; first set at line 1", "keep one of them"),
                row("anonymous deny\nanonymous deny", 2, 1,
                        "'anonymous' is set twice; first set at line 1", "keep one of them"),
                row("on deny ignore\n\non deny disconnect", 3, 1,
                        "'on deny' is set twice; first set at line 1", "keep one of them"),
                row("partial filter partial deny", 1, 16,
                        "'partial' is set twice; first set at line 1", "keep one of them"),
                row("ban all until \"2027-13-01\"", 1, 15,
                        "'until' must be an ISO-8601 date or instant, got \"2027-13-01\"", "write a date \"2027-01-01\" (start of that day, UTC) or an instant \"2027-01-01T12:00:00Z\""),
                row("ban all until \"2027-01-01T10:00:00\"", 1, 15,
                        "'until' must be an ISO-8601 date or instant, got \"2027-01-01T10:00:00\"", "write a date \"2027-01-01\" (start of that day, UTC) or an instant \"2027-01-01T12:00:00Z\""),
                row("ban all until \"tomorrow\"", 1, 15,
                        "'until' must be an ISO-8601 date or instant, got \"tomorrow\"", "write a date \"2027-01-01\" (start of that day, UTC) or an instant \"2027-01-01T12:00:00Z\""),
                row("ban all until \"2027-01-01\" until \"2028-01-01\"", 1, 28,
                        "'until' is given twice in one ban", "keep one 'until'"),
                row("ban all reason \"a\" reason \"b\"", 1, 20,
                        "'reason' is given twice in one ban", "keep one 'reason'"),
                row("allow username \"a\\qb\"", 1, 18,
                        "unknown escape '\\q' in a string", "the escapes are \\\" \\\\ \\n \\t \\uXXXX; a regular expression needs its backslash doubled, e.g. \"\\\\d+\""),
                row("allow username \"\\u12\"", 1, 17,
                        "'\\u' must be followed by exactly four hex digits", "write e.g. \\u00e9 for \u00e9"),
                row("allow username \"abc", 1, 16,
                        "unterminated string: no closing '\"' on this line", "a string ends on the line it starts; write a line break inside it as \\n"),
                row("allow all @", 1, 11,
                        "unexpected character '@'", null),
                row("allow username 'x'", 1, 16,
                        "unexpected character \"'\"", "strings are written in double quotes: \"...\""),
                row("Allow all", 1, 1,
                        "expected a statement ('allow', 'deny', 'superuser', 'ban', 'include', 'client rules' or a setting), found unknown word 'Allow'", "keywords are lower case: 'allow'"),
                row("allow all to publish \"a\" qos 1.5", 1, 31,
                        "unexpected character '.'", "a QoS range is written qos 0..1"),
                row("allow username \"\\uD800\"", 1, 17,
                        "the string holds half of a UTF-16 surrogate pair, which is not a character", "write both halves, e.g. \\uD83D\\uDE00, or the character itself")
        );
    }
}
