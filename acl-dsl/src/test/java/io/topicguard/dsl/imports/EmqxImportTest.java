package io.topicguard.dsl.imports;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmqxImportTest {

    private static final PolicyFormat E = PolicyFormat.EMQX;

    private static List<String> printed(String text) {
        return Imports.printed("acl.conf", text, E);
    }

    private static List<Diagnostic> warnings(String text) {
        return Imports.of("acl.conf", text, E).warnings();
    }

    private static PolicyAst shipped(String name) throws URISyntaxException {
        Path file = Path.of(EmqxImportTest.class.getResource("/imports/" + name).toURI());
        ImportResult result = PolicyImporter.parse(file, E);
        assertThat(result.result()).as(() -> result.result().toString()).isInstanceOf(ParseResult.Success.class);
        return ((ParseResult.Success) result.result()).policy();
    }

    @Test
    void shippedEmqx4FileImports() throws URISyntaxException {
        PolicyAst policy = shipped("emqx4-acl.conf");
        assertThat(policy.statements()).extracting(NativePrinter::statement).containsExactly(
                "allow username \"dashboard\" to subscribe \"$SYS/#\"",
                "allow ip \"127.0.0.1\" to publish, subscribe \"$SYS/#\", \"#\"",
                "deny all to subscribe \"$SYS/#\", eq \"#\"",
                "default allow");
        assertThat(policy.statements().get(0).position().line()).isEqualTo(20);
        assertThat(policy.statements().get(0).text()).isEqualTo("{allow, {user, \"dashboard\"}, subscribe, [\"$SYS/#\"]}.");
        assertThat(policy.settingOrDefault(Setting.Kind.DEFAULT)).isEqualTo(Setting.DEFAULT_ALLOW);
    }

    @Test
    void shippedEmqx5FileImports() throws URISyntaxException {
        assertThat(shipped("emqx5-acl.conf").statements()).extracting(NativePrinter::statement).containsExactly(
                "allow username \"dashboard\" to subscribe \"$SYS/#\"",
                "allow ip \"127.0.0.1\" to publish, subscribe \"$SYS/#\", \"#\"",
                "deny all to subscribe \"$SYS/#\", eq \"#\", eq \"+/#\"",
                "default allow");
    }

    @Test
    void everyWhoForm() {
        assertThat(printed("""
                {allow, all, publish, ["a"]}.
                {allow, {user, "u"}, publish, ["a"]}.
                {allow, {username, <<"u">>}, publish, ["a"]}.
                {allow, {client, "c"}, publish, ["a"]}.
                {allow, {clientid, {re, "^dev-"}}, publish, ["a"]}.
                {allow, {ipaddr, "10.0.0.0/8"}, publish, ["a"]}.
                {allow, {ipaddrs, ["10.0.0.1", "fd00::/8"]}, publish, ["a"]}.
                {allow, {'and', [{user, "u"}, {'or', [{client, "a"}, {client, "b"}]}]}, publish, ["a"]}.
                {allow, {'or', [{user, "u"}]}, publish, ["a"]}.
                {deny, all}.
                """)).containsExactly(
                "allow all to publish \"a\"",
                "allow username \"u\" to publish \"a\"",
                "allow username \"u\" to publish \"a\"",
                "allow clientid \"c\" to publish \"a\"",
                "allow clientid ~ \"^dev-\" to publish \"a\"",
                "allow ip \"10.0.0.0/8\" to publish \"a\"",
                "allow ip in [\"10.0.0.1\", \"fd00::/8\"] to publish \"a\"",
                "allow username \"u\" and (clientid \"a\" or clientid \"b\") to publish \"a\"",
                "allow username \"u\" to publish \"a\"",
                "default deny");
    }

    @Test
    void everyActionForm() {
        assertThat(printed("""
                {allow, all, publish, ["a"]}.
                {allow, all, subscribe, ["a"]}.
                {allow, all, pubsub, ["a"]}.
                {allow, all, all, ["a"]}.
                {allow, all, {publish, [{qos, 1}, {retain, false}]}, ["a"]}.
                {allow, all, {subscribe, [{qos, [0, 2]}]}, ["a"]}.
                {allow, all, {all, [{retain, true}]}, ["a"]}.
                {allow, all, {publish, [{retain, all}]}, ["a"]}.
                {deny, all}.
                """)).containsExactly(
                "allow all to publish \"a\"",
                "allow all to subscribe \"a\"",
                "allow all to publish, subscribe \"a\"",
                "allow all to publish, subscribe \"a\"",
                "allow all to publish \"a\" qos 1 retain false",
                "allow all to subscribe \"a\" qos 0, 2",
                "allow all to publish, subscribe \"a\" retain true",
                "allow all to publish \"a\"",
                "default deny");
    }

    @Test
    void everyTopicForm() {
        assertThat(printed("""
                {allow, all, publish, ["a/+", {eq, "b/#"}, "eq c/#", "${username}/${clientid}/${cert_common_name}", "%u/x/%c", 'x'"y"]}.
                {deny, all}.
                """.replace("'x'\"y\"", "\"s-${clientid}\""))).first().isEqualTo(
                "allow all to publish \"a/+\", eq \"b/#\", eq \"c/#\", \"${username}/${clientid}/${cn}\", \"${username}/x/${clientid}\", \"s-${clientid}\"");
    }

    @Test
    void partialLevelPercentPlaceholderIsKeptLiterallyWithAWarning() {
        assertThat(printed("{allow, all, publish, [\"a-%u\"]}.\n{deny, all}.\n")).first().isEqualTo("allow all to publish \"a-%u\"");
        assertThat(warnings("{allow, all, publish, [\"a-%u\"]}.\n{deny, all}.\n"))
                .anySatisfy(w -> assertThat(w.position().toString()).isEqualTo("acl.conf:1:27"));
    }

    @Test
    void catchAllInTheMiddleIsARuleForEverything() {
        assertThat(printed("{deny, all}.\n{allow, all, publish, [\"a\"]}.\n")).first().isEqualTo("deny all");
    }

    @Test
    void missingCatchAllWarnsAboutNoMatch() {
        assertThat(warnings("{allow, all, publish, [\"a\"]}.\n"))
                .anySatisfy(w -> assertThat(w.message()).contains("authorization.no_match"));
    }

    @Test
    void subscribeGrantWithPlusWarnsThatEmqxGrantsTheWiderFilter() {
        List<Diagnostic> warnings = warnings("{allow, all, subscribe, [\"a/+\"]}.\n{deny, all}.\n");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).message()).contains("\"a/#\"");
        assertThat(warnings.get(0).position().toString()).isEqualTo("acl.conf:1:26");
        assertThat(warnings.get(0).sourceLine()).isEqualTo("{allow, all, subscribe, [\"a/+\"]}.");
    }

    @Test
    void commentsStringsBinariesAndMultiLineRules() {
        String text = """
                %% a comment
                {allow, % trailing comment
                   {username, <<"a\\"b"/utf8>>},
                   publish,
                   ["t/\\x41"]}. %% done
                {deny, all}.
                """;
        PolicyAst policy = Imports.policy("acl.conf", text, E);
        assertThat(policy.statements()).extracting(NativePrinter::statement)
                .containsExactly("allow username \"a\\\"b\" to publish \"t/A\"", "default deny");
        assertThat(policy.statements().get(0).text()).isEqualTo("{allow, {username, <<\"a\\\"b\"/utf8>>}, publish, [\"t/\\x41\"]}.");
        assertThat(policy.statements().get(0).position().toString()).isEqualTo("acl.conf:2:1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '§', quoteCharacter = '`', value = {
            "`{allow, all, publish, [\"a\"]}`              § 1 § 29 § the file ends inside a rule",
            "`{allow, all, publish [\"a\"]}.`              § 1 § 22 § unexpected '['",
            "`{permit, all}.`                              § 1 § 2  § a rule starts with allow or deny, found the atom 'permit'",
            "`{allow, everyone}.`                          § 1 § 9  § a two-element rule is {allow, all}; found the atom 'everyone'",
            "`{allow, all, publish}.`                      § 1 § 1  § expected a rule {allow|deny, WHO, ACTION, TOPICS} or {allow|deny, all}, found a tuple of 3",
            "`{allow, {group, \"g\"}, publish, [\"a\"]}.`  § 1 § 10 § unknown who 'group'; expected all, {username, \"...\"}, {clientid, \"...\"}, {username, {re, \"...\"}}, {ipaddr, \"CIDR\"}, {ipaddrs, [...]}, {'and', [...]} or {'or', [...]}",
            "`{allow, {user, 42}, publish, [\"a\"]}.`      § 1 § 16 § expected a string or {re, \"pattern\"} for the username, found the number 42",
            "`{allow, {user, {re, \"(a\"}}, publish, [\"a\"]}.` § 1 § 22 § invalid regular expression: missing closing ): `(a` (topicguard runs regular expressions with RE2)",
            "`{allow, {user, {re, \"(?=a)\"}}, publish, [\"a\"]}.` § 1 § 22 § invalid regular expression: invalid or unsupported Perl syntax: `(?=` (topicguard runs regular expressions with RE2)",
            "`{allow, {ipaddr, \"10.0.0.300\"}, publish, [\"a\"]}.` § 1 § 18 § \"10.0.0.300\" is not an IP address or CIDR block",
            "`{allow, all, publish_all, [\"a\"]}.`         § 1 § 14 § unknown action 'publish_all'; expected publish, subscribe, all or pubsub",
            "`{allow, all, {publish, [{qos, 3}]}, [\"a\"]}.` § 1 § 31 § a QoS is 0, 1 or 2, found the number 3",
            "`{allow, all, publish, \"a\"}.`               § 1 § 23 § expected a list of topics such as [\"sensors/#\", {eq, \"#\"}], found the string \"a\"",
            "`{allow, all, publish, [\"a/#/b\"]}.`         § 1 § 27 § invalid topic \"a/#/b\": '#' must be the last level of a filter",
            "`{allow, all, publish, [\"${peerhost}/x\"]}.` § 1 § 25 § placeholder '${peerhost}' has no topicguard equivalent",
            "`{allow, all, publish, [\"$share/g/a\"]}.`    § 1 § 25 § invalid topic \"$share/g/a\": a rule topic must not start with '$share/': shared subscriptions are checked as the filter after '$share/GROUP/'",
            "`{allow, All, publish, [\"a\"]}.`             § 1 § 9  § unexpected 'All': an atom starts with a lower-case letter (write 'and' in single quotes)",
            "`{allow, all, publish, [\"a]}.`               § 1 § 24 § unterminated string: no closing '\"'",
    })
    void malformedFilesAreLocated(String text, int line, int column, String message) {
        List<Diagnostic> errors = Imports.errors("acl.conf", text, E);
        assertThat(errors).as(Imports.format(errors)).isNotEmpty();
        Diagnostic error = errors.get(0);
        assertThat(error.message()).isEqualTo(message);
        assertThat(error.position().toString()).isEqualTo("acl.conf:" + line + ":" + column);
    }

    /** Found by ImporterFuzzTest: the column was counted on the string's first line past that line's end. */
    @Test
    void aProblemAfterALineBreakInsideAStringIsLocatedAtTheOpeningQuote() {
        List<Diagnostic> errors = Imports.errors("acl.conf", "{allow, all, publish, [\"a/b\nc/#/d\"]}.\n", E);
        assertThat(errors).extracting(d -> d.position().toString()).containsExactly("acl.conf:1:24");
        assertThat(errors.get(0).message()).startsWith("invalid topic \"a/b\nc/#/d\"");
    }

    @Test
    void aBadEscapeAfterALineBreakInsideAStringIsLocatedOnItsOwnLine() {
        List<Diagnostic> errors = Imports.errors("acl.conf", "{allow, all, publish, [\"a\n  b\\xZZ\"]}.\n", E);
        assertThat(errors).extracting(d -> d.position().toString()).containsExactly("acl.conf:2:4");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        List<Diagnostic> errors = Imports.errors("acl.conf", """
                {allow, {group, "g"}, publish, ["a"]}.
                {allow, all, publish ["a"]}.
                {allow, all, publish, ["a+"]}.
                {deny, all}.
                """, E);
        assertThat(errors).extracting(d -> d.position().line()).containsExactly(1, 2, 3);
    }
}
