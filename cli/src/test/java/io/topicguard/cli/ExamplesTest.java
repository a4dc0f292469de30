package io.topicguard.cli;

import io.topicguard.dsl.ParseResult;
import io.topicguard.dsl.PolicyParser;
import io.topicguard.auth.password.PasswordFile;
import io.topicguard.auth.password.PasswordFile.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files in examples/ that README.md and docs/ use: they load and decide what the docs say.
 * The docs' own sessions with them run in {@link DocumentedSessionsTest}.
 */
class ExamplesTest {

    /** Surefire runs in the module directory, cli/. */
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String POLICY = EXAMPLES.resolve("policy.acl").toString();

    @Test
    void examplePolicyAndItsIncludesParse() {
        ParseResult result = PolicyParser.parseFile(Path.of(POLICY));

        assertThat(result).as("%s", result).isInstanceOf(ParseResult.Success.class);
        assertThat(((ParseResult.Success) result).policy().files()).hasSize(3);
    }

    @Test
    void examplePolicyLintsWithoutErrors() {
        Cli.Run run = Cli.run("lint", "--policy", POLICY);

        assertThat(run.status()).as("%s", run).isZero();
        assertThat(run.out()).startsWith(POLICY + ": 11 rules, ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sensor publishes its telemetry       | allow   | --username sensor-17 --clientid sensor-17 --publish telemetry/sensor-17/temperature",
            "sensor may not retain telemetry      | deny    | --username sensor-17 --clientid sensor-17 --publish telemetry/sensor-17/temperature --retain",
            "sensor may not speak for another     | deny    | --username sensor-17 --clientid sensor-17 --publish telemetry/sensor-18/temperature",
            "device owns its subtree              | allow   | --username sensor-17 --clientid sensor-17 --subscribe devices/sensor-17/#",
            "nobody subscribes to everything      | deny    | --username dashboard --subscribe #",
            "dashboard reads $SYS                 | allow   | --username dashboard --subscribe $SYS/broker/uptime",
            "dashboard sends no commands          | deny    | --username dashboard --publish commands/sensor-17/set",
            "control sends commands at QoS 1      | allow   | --username control --publish commands/sensor-17/set --qos 1",
            "anonymous clients are refused        | deny    | --clientid sensor-17 --connect",
            "leaked batch is banned               | deny    | --username sensor-9 --clientid mallory-9 --publish telemetry/sensor-9/x",
            "scanner network is banned            | deny    | --username dashboard --ip 203.0.113.7 --connect",
            "admin from the management network    | allow   | --username admin --ip 10.10.3.4 --publish anything/at/all",
            "admin from elsewhere is no superuser | deny    | --username admin --ip 192.0.2.1 --publish anything/at/all",
            "alarms over TLS from the plant       | allow   | --username sensor-17 --ip fd00::17 --listener tls --subscribe factory/press-4/alarms",
            "alarms not over plain TCP            | deny    | --username sensor-17 --ip fd00::17 --listener tcp --subscribe factory/press-4/alarms",
            "acme user: all of acme is partial    | partial | --username acme-alice --subscribe tenants/acme/#",
            "acme user: billing is denied         | deny    | --username acme-alice --subscribe tenants/acme/billing/invoices",
            "acme billing reads billing           | allow   | --username acme-billing --subscribe tenants/acme/billing/invoices",
            "globex device by certificate         | allow   | --username dev --cn press-4.globex.example --listener tls --publish tenants/globex/devices/press-4.globex.example/up",
    })
    void examplePolicyDecidesAsDocumented(String what, String verdict, String args) {
        String[] query = args.trim().split(" +");
        String[] all = new String[query.length + 3];
        all[0] = "check";
        all[1] = "--policy";
        all[2] = POLICY;
        System.arraycopy(query, 0, all, 3, query.length);

        Cli.Run run = Cli.run(all);

        assertThat(run.out()).as("%s: %s", what, run).isEqualTo(verdict + "\n");
    }

    @Test
    void examplePasswordFileHoldsTheDocumentedUsers() throws Exception {
        PasswordFile users = PasswordFile.load(EXAMPLES.resolve("passwd"));

        assertThat(users.usernames()).containsExactlyInAnyOrder(
                "admin", "dashboard", "sensor-17", "control", "acme-alice", "acme-billing", "globex-ops");
        for (String user : users.usernames()) {
            assertThat(users.verify(user, (user + "-example-pw").getBytes(StandardCharsets.UTF_8)))
                    .as(user).isEqualTo(Verification.OK);
        }
    }
}
