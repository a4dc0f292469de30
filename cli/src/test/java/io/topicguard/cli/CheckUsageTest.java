package io.topicguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage errors of {@code topicguard check}: exit status 2, the problem on stderr, nothing on stdout. */
class CheckUsageTest {

    @TempDir
    Path dir;

    private Cli.Run check(String args) throws Exception {
        Path policy = dir.resolve("policy.acl");
        Files.writeString(policy, "default deny\n");
        return Cli.run(("check --policy " + policy + " " + args).trim().split(" +"));
    }

    @ParameterizedTest(name = "check [{0}]")
    @CsvSource(delimiter = '|', value = {
            "''                                       | Error: Missing required argument (specify one of these): (--connect | --publish=TOPIC | --subscribe=FILTER | --batch)",
            "--connect --publish a                    | Error: --connect, --publish=TOPIC are mutually exclusive (specify only one)",
            "--publish a --qos 3                      | --qos must be 0, 1 or 2, got 3",
            "--publish a --qos one                    | Invalid value for option '--qos': 'one' is not an int",
            "--connect --qos 1                        | --qos applies only to --publish and --subscribe",
            "--subscribe a/# --retain                 | --retain applies only to --publish",
            "--connect --retain                       | --retain applies only to --publish",
            "--batch --username alice                 | --batch reads every client and question from standard input;",
            "--batch --explain                        | --batch reads every client and question from standard input;",
            "--publish a --ip example.com             | --ip: not an IPv4 or IPv6 address literal: \"example.com\" (host names are not resolved)",
            "--publish a --ip 10.0.0.256              | --ip: not an IPv4 or IPv6 address literal: \"10.0.0.256\" (host names are not resolved)",
            "--publish a --ip 10.1                    | --ip: not an IPv4 or IPv6 address literal: \"10.1\" (host names are not resolved)",
            "--publish a --ip fd00::zz                | --ip: not an IPv4 or IPv6 address literal: \"fd00::zz\" (host names are not resolved)",
            "--conect                                 | Unknown option: '--conect'",
    })
    void usageErrorExitsTwoWithTheProblemAndASynopsis(String args, String message) throws Exception {
        Cli.Run run = check(args);

        assertThat(run.status()).as("%s", run).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("topicguard check: " + message)
                .contains("Usage: topicguard check ")
                .endsWith("Try 'topicguard check --help' for more information.\n");
    }

    @Test
    void missingPolicyOptionIsAUsageError() {
        Cli.Run run = Cli.run("check", "--connect");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("topicguard check: Missing required option: '--policy=FILE'");
    }

    @Test
    void helpListsEveryOptionAndTheExitStatuses() {
        Cli.Run run = Cli.run("check", "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("--policy=FILE", "--username=U", "--clientid=C", "--ip=ADDR", "--cn=CN",
                "--listener=NAME", "--connect", "--publish=TOPIC", "--subscribe=FILTER", "--qos=N", "--retain",
                "--explain", "--batch", "3   partial");
    }
}
