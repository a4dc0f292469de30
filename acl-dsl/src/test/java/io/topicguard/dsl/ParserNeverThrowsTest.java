package io.topicguard.dsl;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/semantics.md, What the tests hold: every malformed policy yields located diagnostics, never an exception. Random
 * text, random soups of the language's own tokens, and mutations of a valid policy.
 */
class ParserNeverThrowsTest {

    private static final String VALID = """
            default deny
            anonymous deny
            on deny ignore
            partial filter
            superuser username "admin" and ip "127.0.0.1"
            ban clientid ~ "^mallory-" reason "compromised batch"
            ban ip "203.0.113.0/24" until "2027-01-01"
            allow username "dashboard" to subscribe "$SYS/#"
            deny  all to subscribe eq "#", eq "+/#"                 # no firehose subscriptions
            allow all to publish, subscribe "devices/${clientid}/#"
            allow username ~ "^sensor-" to publish "telemetry/${username}/+" qos 0..1 retain false
            allow ip in ["10.0.0.0/8", "fd00::/8"] and listener "tls" to subscribe "factory/+/alarms"
            deny not (cn in ["a", "b"] or anonymous) to all any qos 2
            """;

    private static final List<String> TOKENS = List.of(
            "default", "anonymous", "on", "deny", "allow", "ignore", "disconnect", "partial", "filter", "include",
            "superuser", "ban", "until", "reason", "to", "all", "not", "and", "or", "username", "clientid", "cn",
            "ip", "in", "listener", "publish", "subscribe", "eq", "any", "qos", "retain", "true", "false",
            "~", "(", ")", "[", "]", ",", "..", "0", "1", "2", "3", "99999999999", "\"a/b\"", "\"#\"", "\"+\"",
            "\"\"", "\"${username}\"", "\"${user}\"", "\"$share/g/x\"", "\"10.0.0.0/8\"", "\"::1\"", "\"2027-01-01\"",
            "\"(\"", "\"\\u00e9\"", "\"\\q\"", "\"unterminated", "# comment\n", "\n", "@", "usrname", "Allow", "\u0000");

    private static void assertLocatedOrSuccess(String text) {
        ParseResult result = PolicyParser.parseString("fuzz.acl", text, null);
        if (result instanceof ParseResult.Failure failure) {
            int lines = text.split("\n", -1).length;
            assertThat(failure.diagnostics()).allSatisfy(d -> {
                assertThat(d.severity()).isEqualTo(Diagnostic.Severity.ERROR);
                assertThat(d.position().file()).isEqualTo("fuzz.acl");
                assertThat(d.position().line()).isBetween(1, lines);
                assertThat(d.message()).isNotBlank();
                assertThat(d.format()).startsWith(d.position() + ": error: ");
            });
        } else {
            assertThat(result).isInstanceOf(ParseResult.Success.class);
        }
    }

    @Property(tries = 300)
    void randomTextGetsAResultNeverAnException(@ForAll("randomText") String text) {
        assertLocatedOrSuccess(text);
    }

    @Property(tries = 300)
    void tokenSoupsGetAResultNeverAnException(@ForAll("tokenSoup") String text) {
        assertLocatedOrSuccess(text);
    }

    @Property(tries = 300)
    void mutatedValidPoliciesGetAResultNeverAnException(@ForAll("mutatedPolicy") String text) {
        assertLocatedOrSuccess(text);
    }

    @Provide
    Arbitrary<String> randomText() {
        Arbitrary<Character> policyish = Arbitraries.of('a', 'l', 'o', 'w', ' ', '\n', '"', '\\', '#', '(', ')', '[',
                ']', ',', '.', '~', '$', '{', '}', '/', '+', '0', '2', '\t', '\r');
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars('\u0000', '\uFFFF').ofMaxLength(200),
                policyish.list().ofMaxSize(300).map(ParserNeverThrowsTest::join));
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(60).map(tokens -> String.join(" ", tokens));
    }

    @Provide
    Arbitrary<String> mutatedPolicy() {
        Arbitrary<Tuple.Tuple3<Integer, Integer, String>> edit = Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, VALID.length()),
                Arbitraries.of(TOKENS)).as(Tuple::of);
        return edit.list().ofMinSize(1).ofMaxSize(6).map(edits -> {
            StringBuilder text = new StringBuilder(VALID);
            for (Tuple.Tuple3<Integer, Integer, String> e : edits) {
                int at = Math.min(e.get2(), text.length());
                switch (e.get1()) {
                    case 0 -> text.insert(at, " " + e.get3() + " ");
                    case 1 -> text.delete(at, Math.min(text.length(), at + 1 + e.get3().length()));
                    case 2 -> text.insert(at, e.get3());
                    default -> {
                        int end = Math.min(text.length(), at + 8);
                        String cut = text.substring(at, end);
                        text.delete(at, end).insert(Math.max(0, text.length() / 2 - 3), cut);
                    }
                }
            }
            return text.toString();
        });
    }

    private static String join(List<Character> chars) {
        StringBuilder out = new StringBuilder(chars.size());
        chars.forEach(out::append);
        return out.toString();
    }
}
