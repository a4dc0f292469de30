package io.topicguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --policy-format} on serve, check and lint (issue 6): foreign files load directly and quote their own lines. */
class PolicyFormatOptionTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void checkExplainsADecisionWithTheMosquittoLine() throws Exception {
        Path file = write("rules.txt", "user alice\ntopic write sensors/#\ntopic deny sensors/secret\n");

        Cli.Run allowed = Cli.run("check", "--policy", file.toString(), "--policy-format", "mosquitto",
                "--username", "alice", "--publish", "sensors/a", "--explain");
        Cli.Run denied = Cli.run("check", "--policy", file.toString(), "--policy-format", "mosquitto",
                "--username", "alice", "--publish", "sensors/secret", "--explain");

        assertThat(allowed.out()).as("%s", allowed).isEqualTo(String.join("\n",
                "allow", "reason: rule", "source: " + file + ":2", "statement: topic write sensors/#", ""));
        assertThat(denied.out()).as("%s", denied).startsWith("deny\nreason: rule\nsource: " + file + ":3\n");
        assertThat(denied.status()).isEqualTo(1);
    }

    @Test
    void fileNameSelectsEmqxWithoutTheOption() throws Exception {
        Path file = write("acl.conf", "{allow, {username, \"alice\"}, publish, [\"t/#\"]}.\n{deny, all}.\n");

        Cli.Run run = Cli.run("check", "--policy", file.toString(), "--username", "alice", "--publish", "t/1", "--explain");

        assertThat(run.out()).as("%s", run).contains("source: " + file + ":1\n")
                .contains("statement: {allow, {username, \"alice\"}, publish, [\"t/#\"]}.");
        assertThat(run.status()).isZero();
    }

    @Test
    void lintPrintsImportWarningsAtTheOriginalLines() throws Exception {
        Path file = write("acl_file", "user alice\ntopic sensors/#\n");

        Cli.Run run = Cli.run("lint", "--policy", file.toString(), "--policy-format", "mosquitto");

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.err()).contains(file + ":2:1: warning: 'topic' without an access type: mosquitto grants readwrite")
                .contains("    topic sensors/#\n");
        assertThat(run.out()).startsWith(file + ": 1 rule, ");
    }

    @Test
    void lintRejectsAMalformedForeignFileWithLocatedErrors() throws Exception {
        Path file = write("acl.conf", "{allow, all, publish, [\"a/#/b\"]}.\n");

        Cli.Run run = Cli.run("lint", "--policy", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains(file + ":1:27: error: invalid topic \"a/#/b\"");
    }

    @Test
    void explicitFormatWinsOverTheFileName() throws Exception {
        Path file = write("policy.conf", "allow all to publish \"a\"\n");

        Cli.Run run = Cli.run("check", "--policy", file.toString(), "--policy-format", "native", "--username", "u", "--publish", "a");

        assertThat(run.out()).as("%s", run).isEqualTo("allow\n");
    }

    @Test
    void unknownFormatIsAUsageError() throws Exception {
        Path file = write("policy.acl", "default deny\n");

        Cli.Run run = Cli.run("lint", "--policy", file.toString(), "--policy-format", "hivemq");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("unknown policy format 'hivemq'; expected native, mosquitto or emqx");
    }

    @Test
    void serveAcceptsTheOption() {
        Cli.Run run = Cli.run("serve", "--help");

        assertThat(run.out()).contains("--policy-format=FORMAT");
    }
}
