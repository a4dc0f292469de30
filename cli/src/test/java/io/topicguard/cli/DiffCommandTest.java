package io.topicguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topicguard diff}: statements, access changes for sample clients, recorded queries, exit 0/1/2. */
class DiffCommandTest {

    private static final String OLD = """
            default deny
            allow username "dashboard" to subscribe "telemetry/#"
            allow username "control" to publish "commands/+/set" qos 1
            deny all to publish "commands/locked/set"
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aPolicyComparedWithItselfOrARelayoutHasNoChangeAndExitsZero() throws Exception {
        Path old = write("old.acl", OLD);
        Path relaid = write("new.acl", "# same rules, other layout\n" + OLD.replace("\n", "\n\n").replace(" to ", "\n    to "));

        Cli.Run run = Cli.run("diff", old.toString(), relaid.toString());

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).isEqualTo("statements: no change\n"
                + "access: no answer changes for the who-groups that changed\n"
                + "0 added, 0 removed, 0 moved; 0 access changes\n");
    }

    @Test
    void aMovedDenyIsShownWithTheQuestionItNowAnswersForAnotherGroupsClient() throws Exception {
        Path old = write("old.acl", OLD);
        Path now = write("new.acl", """
                default deny
                allow username "dashboard" to subscribe "telemetry/#"
                deny all to publish "commands/locked/set"
                allow username "control" to publish "commands/+/set" qos 1
                """);

        Cli.Run run = Cli.run("diff", old.toString(), now.toString());

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        String before = "allow (rule, " + old + ":3)";
        assertThat(run.out()).isEqualTo("statements (first match decides, so a move can change answers):\n"
                + "  ~ " + old + ":4 -> " + now + ":3  deny all to publish \"commands/locked/set\"\n"
                + "access changes:\n"
                + "  WHO-GROUP           QUESTION                                                                         BEFORE"
                + " ".repeat(before.length() - 6 + 2) + "AFTER\n"
                + "  username \"control\"  username \"control\" clientid \"sample-client\" publish \"commands/locked/set\" qos 1  "
                + before + "  deny (rule, " + now + ":3)\n"
                + "0 added, 0 removed, 1 moved; 1 access change\n");
    }

    @Test
    void aWiderQosIsAnEditedStatementAndItsNewAnswersAreListedPerQuestion() throws Exception {
        Path old = write("old.acl", OLD);
        Path now = write("new.acl", OLD.replace("qos 1", "qos 0..1"));

        Cli.Run run = Cli.run("diff", old.toString(), now.toString(), "--format", "json");

        assertThat(run.status()).as("%s", run).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("statements").get("added").get(0).get("source").asText()).isEqualTo(now + ":3");
        assertThat(root.get("statements").get("removed").get(0).get("source").asText()).isEqualTo(old + ":3");
        assertThat(root.get("statements").get("moved")).isEmpty();
        // Publishing at QoS 0 (retained or not) becomes allowed for control, also on commands/locked/set: the
        // control rule comes before the deny, which decided QoS 0 there only because the old rule did not apply.
        assertThat(root.get("access")).extracting(c -> c.get("client").get("username").asText() + " " + c.get("action").asText()
                        + " " + c.get("topic").asText() + " qos " + c.get("qos").asInt() + (c.get("retain").asBoolean() ? " retain" : "")
                        + ": " + c.get("before").get("decision").asText() + " -> " + c.get("after").get("decision").asText())
                .containsExactly("control publish commands/x/set qos 0: deny -> allow",
                        "control publish commands/x/set qos 0 retain: deny -> allow",
                        "control publish commands/locked/set qos 0: deny -> allow",
                        "control publish commands/locked/set qos 0 retain: deny -> allow");
    }

    @Test
    void recordedQueriesAnsweredDifferentlyAreListedWithBothDecidingLines() throws Exception {
        Path old = write("old.acl", OLD);
        Path now = write("new.acl", OLD.replace("allow username \"dashboard\" to subscribe \"telemetry/#\"\n", ""));
        Path queries = write("q.jsonl", """
                {"username":"dashboard","action":"subscribe","topic":"telemetry/#"}

                {"username":"control","action":"publish","topic":"commands/a/set","qos":1}
                {"username":"dashboard","action":"subscribe","topic":"telemetry/site-1/t","qos":1}
                """);

        Cli.Run text = Cli.run("diff", old.toString(), now.toString(), "--queries", queries.toString());
        Cli.Run json = Cli.run("diff", old.toString(), now.toString(), "--queries", queries.toString(), "--format", "json");

        assertThat(text.status()).as("%s", text).isEqualTo(1);
        assertThat(text.out()).contains("queries answered differently:\n"
                        + "  " + queries + ":1  {\"username\":\"dashboard\",\"action\":\"subscribe\",\"topic\":\"telemetry/#\"}\n"
                        + "      before: allow (rule, " + old + ":2)  after: deny (default, " + now + ":1)\n"
                        + "  " + queries + ":4  ")
                .endsWith("; 2 queries answered differently\n");
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(json.status()).isEqualTo(1);
        assertThat(root.get("statements").get("removed").get(0).get("source").asText()).isEqualTo(old + ":2");
        assertThat(root.get("queries")).extracting(q -> q.get("line").asInt() + " " + q.get("before").get("decision").asText()
                + " -> " + q.get("after").get("decision").asText()).containsExactly("1 allow -> deny", "4 allow -> deny");
        assertThat(root.get("access")).isNotEmpty();
        assertThat(root.get("changed").asBoolean()).isTrue();
    }

    @Test
    void aMalformedQueryOrPolicyIsAnErrorWithStatusTwo() throws Exception {
        Path old = write("old.acl", OLD);
        Path broken = write("broken.acl", "allow all to publish qos 1\n");
        Path queries = write("q.jsonl", "{\"username\":\"u\",\"action\":\"publish\",\"topic\":\"a\"}\n{\"action\":\"fly\"}\n");

        Cli.Run badQuery = Cli.run("diff", old.toString(), old.toString(), "--queries", queries.toString());
        Cli.Run badPolicy = Cli.run("diff", old.toString(), broken.toString());
        Cli.Run missing = Cli.run("diff", old.toString(), dir.resolve("none.acl").toString());

        assertThat(badQuery.status()).isEqualTo(2);
        assertThat(badQuery.err()).startsWith(queries + ":2: error: ");
        assertThat(badQuery.out()).isEmpty();
        assertThat(badPolicy.status()).isEqualTo(2);
        assertThat(badPolicy.err()).startsWith(broken + ":1:22: error: expected a topic string after 'to publish'");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo(dir.resolve("none.acl") + ": error: policy file not found\n");
    }

    @Test
    void whoGroupsWithoutASampleClientAreNamedNotSilentlySkipped() throws Exception {
        Path old = write("old.acl", "default deny\n");
        Path now = write("new.acl", "default deny\nallow username ~ \"[0-9]+\" to publish \"a\"\n");

        Cli.Run run = Cli.run("diff", old.toString(), now.toString());

        assertThat(run.out()).contains("  not compared: no sample client could be built for 'username ~ \"[0-9]+\"'\n");
    }
}
