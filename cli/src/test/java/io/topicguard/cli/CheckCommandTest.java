package io.topicguard.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topicguard check} with one question (docs/cli.md), against a real policy file. */
class CheckCommandTest {

    /** Line numbers matter: the explanations below quote them. */
    static final String POLICY = String.join("\n",
            "default deny",                                                              // 1
            "anonymous deny",                                                            // 2
            "superuser username \"admin\" and ip \"127.0.0.1\"",                         // 3
            "ban clientid ~ \"^mallory-\" reason \"compromised batch\"",                 // 4
            "allow all to publish, subscribe \"devices/${clientid}/#\"",                 // 5
            "allow username ~ \"^sensor-\" to publish \"telemetry/${username}/+\" qos 0..1 retain false", // 6
            "deny all to subscribe \"fleet/secret/#\"",                                  // 7
            "allow all to subscribe \"fleet/#\"",                                        // 8
            "allow ip \"fd00::/8\" to subscribe \"lab/+\"",                              // 9
            "");

    @TempDir
    Path dir;
    Path policy;

    @BeforeEach
    void writePolicy() throws Exception {
        policy = dir.resolve("policy.acl");
        Files.writeString(policy, POLICY);
    }

    private Cli.Run check(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "check";
        all[1] = "--policy";
        all[2] = policy.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(all);
    }

    private String src(int line) {
        return policy + ":" + line;
    }

    @Test
    void publishAllowedByARulePrintsAllowAndExitsZero() {
        Cli.Run run = check("--username", "alice", "--clientid", "dev1", "--publish", "devices/dev1/up");

        assertThat(run.out()).as("%s", run).isEqualTo("allow\n");
        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
    }

    @Test
    void explainNamesReasonFileLineAndStatement() {
        Cli.Run run = check("--username", "alice", "--clientid", "dev1", "--publish", "devices/dev1/up", "--explain");

        assertThat(run.out()).as("%s", run).isEqualTo(String.join("\n",
                "allow",
                "reason: rule",
                "source: " + src(5),
                "statement: allow all to publish, subscribe \"devices/${clientid}/#\"",
                ""));
        assertThat(run.status()).isZero();
    }

    @Test
    void publishNoRuleAllowsIsDeniedByTheBuiltInDefaultAndExitsOne() {
        Cli.Run run = check("--username", "alice", "--clientid", "dev1", "--publish", "devices/dev2/up", "--explain");

        assertThat(run.out()).as("%s", run).startsWith("deny\nreason: default\n");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void builtInDefaultIsExplainedAsSuchWhenThePolicyIsSilent() throws Exception {
        Files.writeString(policy, "anonymous allow\n");
        Cli.Run run = check("--publish", "a/b", "--explain");

        assertThat(run.out()).as("%s", run).isEqualTo(String.join("\n",
                "deny",
                "reason: default",
                "source: -",
                "statement: (none: no rule decided, and the built-in \"default deny\" applies)",
                ""));
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void qosAndRetainOptionsOfARuleAreHonoured() {
        String[] sensor = {"--username", "sensor-7", "--clientid", "s7"};

        assertThat(check(concat(sensor, "--publish", "telemetry/sensor-7/temp", "--qos", "1")).status()).isZero();
        assertThat(check(concat(sensor, "--publish", "telemetry/sensor-7/temp", "--qos", "2")).status()).isEqualTo(1);
        assertThat(check(concat(sensor, "--publish", "telemetry/sensor-7/temp", "--retain")).status()).isEqualTo(1);
    }

    @Test
    void partialSubscriptionPrintsPartialAndExitsThree() {
        Cli.Run run = check("--username", "alice", "--subscribe", "fleet/#", "--qos", "1", "--explain");

        assertThat(run.out()).as("%s", run).startsWith(String.join("\n",
                "partial",
                "reason: rule",
                "source: " + src(8),
                "statement: allow all to subscribe \"fleet/#\"",
                "note: the filter matches topics this client may read and topics it may not;"));
        assertThat(run.status()).isEqualTo(3);
    }

    @Test
    void subscriptionInsideTheDeniedBranchIsDenied() {
        Cli.Run run = check("--username", "alice", "--subscribe", "fleet/secret/keys", "--explain");

        assertThat(run.out()).as("%s", run).startsWith("deny\nreason: rule\nsource: " + src(7) + "\n");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void bannedClientsPublishIsDeniedWithTheBanBecauseConnectComesFirst() {
        Cli.Run run = check("--username", "alice", "--clientid", "mallory-3", "--publish", "devices/mallory-3/up", "--explain");

        assertThat(run.out()).as("%s", run).isEqualTo(String.join("\n",
                "deny",
                "reason: banned",
                "source: " + src(4),
                "statement: ban clientid ~ \"^mallory-\" reason \"compromised batch\"",
                "note: the client may not connect, so it may neither publish nor subscribe",
                ""));
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void anonymousClientIsRefusedAtConnectAndThereforeForPublish() {
        Cli.Run connect = check("--clientid", "dev1", "--connect", "--explain");
        Cli.Run publish = check("--clientid", "dev1", "--publish", "devices/dev1/up");

        assertThat(connect.out()).as("%s", connect).isEqualTo(String.join("\n",
                "deny",
                "reason: anonymous",
                "source: " + src(2),
                "statement: anonymous deny",
                ""));
        assertThat(connect.status()).isEqualTo(1);
        assertThat(publish.out()).isEqualTo("deny\n");
        assertThat(publish.status()).isEqualTo(1);
    }

    @Test
    void connectOfAKnownClientIsAllowed() {
        Cli.Run run = check("--username", "alice", "--connect");

        assertThat(run.out()).as("%s", run).isEqualTo("allow\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void superuserNeedsTheAddressTheStatementNames() {
        Cli.Run local = check("--username", "admin", "--ip", "127.0.0.1", "--publish", "anything/at/all", "--explain");
        Cli.Run remote = check("--username", "admin", "--ip", "192.0.2.1", "--publish", "anything/at/all");

        assertThat(local.out()).as("%s", local).startsWith("allow\nreason: superuser\nsource: " + src(3) + "\n");
        assertThat(remote.out()).as("%s", remote).isEqualTo("deny\n");
    }

    @Test
    void ipv6LiteralIsAccepted() {
        Cli.Run run = check("--username", "bob", "--ip", "fd00::17", "--subscribe", "lab/bench");

        assertThat(run.out()).as("%s", run).isEqualTo("allow\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void invalidTopicIsDeniedAsInvalidWithTheProblemInWords() {
        Cli.Run run = check("--username", "alice", "--clientid", "dev1", "--publish", "devices/+/up", "--explain");

        assertThat(run.out()).as("%s", run).isEqualTo(String.join("\n",
                "deny",
                "reason: invalid",
                "source: -",
                "statement: (none: the topic is not valid MQTT)",
                "note: a topic name must not contain the wildcard '+'",
                ""));
        assertThat(run.status()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a/#/b         | '#' must be the last level of a filter",
            "a+            | '+' must occupy a whole level, e.g. \"a/+/b\"",
            "$share/g      | a shared subscription is written $share/GROUP/FILTER",
            "$share//a     | the share group of $share/GROUP/FILTER must be non-empty, without '+' or '#'",
            "$share/g+/a   | the share group of $share/GROUP/FILTER must be non-empty, without '+' or '#'",
            "$share/g/a/#/ | '#' must be the last level of a filter",
    })
    void invalidSubscriptionIsExplainedInWords(String filter, String note) {
        Cli.Run run = check("--username", "alice", "--subscribe", filter, "--explain");

        assertThat(run.out()).as("%s", run).startsWith("deny\nreason: invalid\n").endsWith("\nnote: " + note + "\n");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void policyErrorPrintsLocatedDiagnosticsWithCaretAndExitsTwo() throws Exception {
        Path bad = dir.resolve("bad.acl");
        Files.writeString(bad, "default deny\n\nallow all to publish \"a/#/b\"\n");

        Cli.Run run = Cli.run("check", "--policy", bad.toString(), "--connect");

        assertThat(run.status()).as("%s", run).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(bad.toString()) + ":3:\\d+: error: ")
                .contains("    allow all to publish \"a/#/b\"\n")
                .containsPattern("(?m)^ +\\^$");
    }

    @Test
    void missingPolicyFileIsAPolicyErrorNamingTheFile() {
        Path missing = dir.resolve("nope.acl");
        Cli.Run run = Cli.run("check", "--policy", missing.toString(), "--connect");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(missing + ": error: policy file not found\n");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
