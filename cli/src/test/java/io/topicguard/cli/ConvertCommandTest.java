package io.topicguard.cli;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topicguard convert} (issue 6): native policy on stdout, warnings on stderr, 2 on errors. */
class ConvertCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void mosquittoFileConvertsToAParseablePolicyWithOriginComments() throws Exception {
        Path file = write("acl_file", "user alice\ntopic read sensors/#\ntopic deny sensors/secret\n");

        Cli.Run run = Cli.run("convert", "--from", "mosquitto", file.toString());

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("# " + file + ":3: topic deny sensors/secret\ndeny username \"alice\" to publish, subscribe \"sensors/secret\"\n")
                .contains("# " + file + ":2: topic read sensors/#\nallow username \"alice\" to subscribe \"sensors/#\"\n");
        assertThat(run.out().indexOf("deny username")).isLessThan(run.out().indexOf("allow username"));
        assertThat(PolicyParser.parseString("converted.acl", run.out(), null)).isInstanceOf(ParseResult.Success.class);
        assertThat(run.err()).contains(file + ":2:1: warning: mosquitto accepts every SUBSCRIBE");
    }

    @Test
    void emqxFileIsRecognisedByItsExtension() throws Exception {
        Path file = write("acl.conf", "{allow, {username, \"dashboard\"}, subscribe, [\"$SYS/#\"]}.\n{deny, all}.\n");

        Cli.Run run = Cli.run("convert", file.toString());

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).endsWith("allow username \"dashboard\" to subscribe \"$SYS/#\"\n# " + file + ":2: {deny, all}.\ndefault deny\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void errorsAreLocatedOnStderrAndExitTwo() throws Exception {
        Path file = write("acl.conf", "{allow, {group, \"g\"}, publish, [\"a\"]}.\n{permit, all}.\n");

        Cli.Run run = Cli.run("convert", "--from", "emqx", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(file + ":1:10: error: unknown who 'group'")
                .contains(file + ":2:2: error: a rule starts with allow or deny")
                .contains("^")
                .endsWith(file + ": 2 errors, nothing converted\n");
    }

    @Test
    void nativePolicyIsPrintedBackNormalizedWithIncludesInPlace() throws Exception {
        write("tenant.acl", "allow username \"t\" to publish \"t/#\"\n");
        Path file = write("main.acl", "default deny\ninclude \"tenant.acl\"\n");

        Cli.Run run = Cli.run("convert", "--from", "native", file.toString());

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).contains("# " + file + ":1: default deny\ndefault deny\n")
                .contains(":1: allow username \"t\" to publish \"t/#\"\nallow username \"t\" to publish \"t/#\"\n");
    }

    @Test
    void unknownFormatIsAUsageError() throws Exception {
        Path file = write("acl", "user a\n");

        Cli.Run run = Cli.run("convert", "--from", "hivemq", file.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("unknown policy format 'hivemq'; expected native, mosquitto or emqx");
    }

    @Test
    void missingFileIsOneLineAndExitTwo() {
        Cli.Run run = Cli.run("convert", "--from", "mosquitto", dir.resolve("nope").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(dir.resolve("nope") + ": error: rule file not found\n");
    }
}
