package io.topicguard.dsl.imports;

import io.topicguard.dsl.Diagnostic;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.dsl.ast.PolicyAst;
import io.topicguard.dsl.ast.RuleStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MosquittoImportTest {

    private static final PolicyFormat M = PolicyFormat.MOSQUITTO;

    private static List<String> printed(String text) {
        return Imports.printed("acl", text, M);
    }

    private static List<Diagnostic> warnings(String text) {
        ImportResult result = Imports.of("acl", text, M);
        return result.warnings();
    }

    @Test
    void shippedExampleImportsWithPositionsAndLinesOfTheOriginalFile() throws URISyntaxException {
        Path example = Path.of(getClass().getResource("/imports/aclfile.example").toURI());
        ImportResult result = PolicyImporter.parse(example, M);
        PolicyAst policy = ((io.topicguard.dsl.ParseResult.Success) result.result()).policy();
        assertThat(policy.statements()).extracting(NativePrinter::statement).containsExactly(
                "allow anonymous to subscribe \"$SYS/#\"",
                "allow username \"roger\" to publish, subscribe \"foo/bar\"",
                "deny username ~ \"[+#]\" or clientid ~ \"[+#]\"",
                "allow all to publish \"$SYS/broker/connection/${clientid}/state\"");
        RuleStatement roger = policy.rules().get(1);
        assertThat(roger.position().toString()).isEqualTo(example + ":6:1");
        assertThat(roger.text()).isEqualTo("topic foo/bar");
        assertThat(roger.topics().get(0).position().column()).isEqualTo(7);
        assertThat(result.warnings()).extracting(d -> d.position().line()).contains(2, 6, 9);
    }

    @Test
    void sysPublishGrantsAreDeniedFirstButBridgeStateIsLeftToTheAclFile() {
        // mosquitto's $SYS guard lets $SYS/broker/connection/+/state through to the acl_file (bridges publish their state there).
        String text = "pattern write $SYS/broker/connection/%c/state\nuser u\ntopic write $SYS/x\n";
        assertThat(printed(text)).containsExactly(
                "deny all to publish \"$SYS/x\"",
                "allow username \"u\" to publish \"$SYS/x\"",
                "deny username ~ \"[+#]\" or clientid ~ \"[+#]\"",
                "allow all to publish \"$SYS/broker/connection/${clientid}/state\"");
        assertThat(warnings(text)).filteredOn(w -> w.message().startsWith("mosquitto refuses")).extracting(w -> w.position().line())
                .containsExactly(3);
    }

    @Test
    void aWiderSysGrantIsDeniedExceptForBridgeStateWhichTheAclFileStillDecides() {
        String text = """
                user bridge
                topic write $SYS/#
                user alice
                topic deny $SYS/broker/connection/alice/state
                pattern write $SYS/broker/connection/%c/state
                """;
        assertThat(printed(text)).containsExactly(
                // the acl_file's own answer for bridge state, in mosquitto's order, first
                "allow username \"bridge\" to publish \"$SYS/broker/connection/+/state\"",
                "deny username \"alice\" to publish \"$SYS/broker/connection/alice/state\"",
                "deny username ~ \"[+#]\" or clientid ~ \"[+#]\" to publish \"$SYS/broker/connection/+/state\"",
                "allow all to publish \"$SYS/broker/connection/${clientid}/state\"",
                // then mosquitto's $SYS guard for everything else
                "deny all to publish \"$SYS/#\"",
                "allow username \"bridge\" to publish \"$SYS/#\"",
                "deny username \"alice\" to publish, subscribe \"$SYS/broker/connection/alice/state\"",
                "deny username ~ \"[+#]\" or clientid ~ \"[+#]\"",
                "allow all to publish \"$SYS/broker/connection/${clientid}/state\"");
    }

    @Test
    void denyLinesComeBeforeGrantsWithinAUserAndUsersBeforePatterns() {
        assertThat(printed("""
                pattern read public/#
                user alice
                topic readwrite a/#
                topic deny a/secret
                pattern deny a/b
                """)).containsExactly(
                "deny username \"alice\" to publish, subscribe \"a/secret\"",
                "allow username \"alice\" to publish, subscribe \"a/#\"",
                "deny username ~ \"[+#]\" or clientid ~ \"[+#]\"",
                "deny all to publish, subscribe \"a/b\"",
                "allow all to subscribe \"public/#\"");
    }

    @Test
    void readIsSubscribeWriteIsPublish() {
        assertThat(printed("user u\ntopic read r\ntopic write w\ntopic readwrite rw\n")).containsExactly(
                "allow username \"u\" to subscribe \"r\"",
                "allow username \"u\" to publish \"w\"",
                "allow username \"u\" to publish, subscribe \"rw\"");
    }

    @Test
    void sectionsOfTheSameUserAreMerged() {
        assertThat(printed("user a\ntopic read x\nuser b\ntopic read y\nuser a\ntopic deny x/1\n")).containsExactly(
                "deny username \"a\" to publish, subscribe \"x/1\"",
                "allow username \"a\" to subscribe \"x\"",
                "allow username \"b\" to subscribe \"y\"");
    }

    @Test
    void patternsBecomePlaceholdersScannedLeftToRight() {
        assertThat(printed("pattern readwrite devices/%c/%u/%x/%%c\n")).last()
                .isEqualTo("allow all to publish, subscribe \"devices/${clientid}/${username}/%x/%${clientid}\"");
    }

    @Test
    void patternStartingWithAPlaceholderLeavesOutClientsWhoseValueStartsWithDollar() {
        assertThat(printed("pattern read %c/#\n")).last()
                .isEqualTo("allow not clientid ~ \"^\\\\$\" to subscribe \"${clientid}/#\"");
    }

    @Test
    void denyPatternWithPlaceholderRefusesSlashInThatAttribute() {
        assertThat(printed("pattern deny a/%u/x\npattern read a/#\n")).contains(
                "deny username ~ \"[+#/]\" or clientid ~ \"[+#]\"");
    }

    @Test
    void topicsWithSpacesTabsAndTrailingBlanksAreReadAsMosquittoDoes() {
        assertThat(printed("user john smith  \ntopic read my topic/with  spaces \t\n   topic write x\n")).containsExactly(
                "allow username \"john smith\" to subscribe \"my topic/with  spaces\"",
                "allow username \"john smith\" to publish \"x\"");
    }

    @Test
    void topicWithoutAccessWordIsReadwriteWithAWarning() {
        assertThat(printed("user u\ntopic a/b\n")).containsExactly("allow username \"u\" to publish, subscribe \"a/b\"");
        assertThat(warnings("user u\ntopic a/b\n")).anySatisfy(w -> {
            assertThat(w.message()).contains("without an access type");
            assertThat(w.position().line()).isEqualTo(2);
            assertThat(w.sourceLine()).isEqualTo("topic a/b");
        });
    }

    @Test
    void accessWordAloneIsTheTopicWithAWarning() {
        assertThat(printed("user u\ntopic read\n")).containsExactly("allow username \"u\" to publish, subscribe \"read\"");
        assertThat(warnings("user u\ntopic read\n")).anySatisfy(w -> assertThat(w.message()).contains("has no topic"));
    }

    @Test
    void tabSeparatorsAndIndentedCommentsAreAcceptedWithWarnings() {
        String text = "  # indented\nuser u\ntopic\tread\tx\n";
        assertThat(printed(text)).containsExactly("allow username \"u\" to subscribe \"x\"");
        assertThat(warnings(text)).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).contains("first column"))
                .anySatisfy(m -> assertThat(m).contains("splits words at spaces only"));
    }

    @Test
    void hashInsideATopicIsAWildcardNotAComment() {
        assertThat(printed("user u\ntopic read a/#\ntopic read #\n")).containsExactly(
                "allow username \"u\" to subscribe \"a/#\"", "allow username \"u\" to subscribe \"#\"");
    }

    @Test
    void nameStartingWithHashIsAWordNotAComment() {
        assertThat(printed("user #ops team  \ntopic read a\n")).containsExactly("allow username \"#ops team\" to subscribe \"a\"");
    }

    @Test
    void firehoseGrantWarnsThatDollarTopicsAreNotIncluded() {
        assertThat(warnings("user u\ntopic read #\n")).anySatisfy(w -> assertThat(w.message()).contains("$SYS"));
    }

    @Test
    void usernamePatternWarnsWhenThereIsAnAnonymousSection() {
        assertThat(warnings("topic read x\npattern read u/%u\n"))
                .anySatisfy(w -> assertThat(w.message()).contains("never applies to clients without a username"));
    }

    @Test
    void patternInsideAUserSectionWarnsThatItAppliesToEveryone() {
        assertThat(warnings("user u\npattern read x\n"))
                .anySatisfy(w -> assertThat(w.message()).contains("applies to every client"));
    }

    @Test
    void sharedSubscriptionLinesAreSkippedWithAWarning() {
        assertThat(printed("user u\ntopic read $share/g/a\ntopic read b\n")).containsExactly("allow username \"u\" to subscribe \"b\"");
    }

    @Test
    void emptyFileImportsAsNoRules() {
        assertThat(Imports.policy("acl", "", M).statements()).isEmpty();
        assertThat(Imports.policy("acl", "\n\n# only comments\n   \n", M).statements()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`user`                       | 1 | 1 | 'user' needs a user name",
            "`user   `                    | 1 | 1 | 'user' needs a user name",
            "`topic`                      | 1 | 1 | 'topic' needs a topic",
            "`pattern `                   | 1 | 1 | 'pattern' needs a topic",
            "`topic foo bar`              | 1 | 7 | unknown access type 'foo'; expected read, write, readwrite or deny",
            "`topic raed x`               | 1 | 7 | unknown access type 'raed'; expected read, write, readwrite or deny",
            "`Topic read x`               | 1 | 1 | unknown line type 'Topic'; an acl_file line starts with user, topic or pattern, or '#' for a comment",
            "`user u\ntopic read a/+b`    | 2 | 14 | invalid topic \"a/+b\": '+' must occupy a whole level, e.g. \"a/+/b\"",
            "`user u\ntopic read a/#/b`   | 2 | 14 | invalid topic \"a/#/b\": '#' must be the last level of a filter",
            "`topic read a/${x}`          | 1 | 14 | topic \"a/${x}\" holds '${', which topicguard reads as a placeholder; it cannot be imported literally",
    })
    void malformedLinesAreLocated(String text, int line, int column, String message) {
        List<Diagnostic> errors = Imports.errors("acl", text.replace("\\n", "\n"), M);
        assertThat(errors).as(Imports.format(errors)).hasSize(1);
        Diagnostic error = errors.get(0);
        assertThat(error.message()).isEqualTo(message);
        assertThat(error.position().toString()).isEqualTo("acl:" + line + ":" + column);
        assertThat(error.format()).contains("^");
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() {
        List<Diagnostic> errors = Imports.errors("acl", "user\ntopic foo bar\nwhat is this\ntopic read a+\n", M);
        assertThat(errors).extracting(d -> d.position().line()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void misspeltKeywordGetsAHint() {
        Diagnostic error = Imports.errors("acl", "topci read x", M).get(0);
        assertThat(error.hint()).contains("'topic'");
    }
}
