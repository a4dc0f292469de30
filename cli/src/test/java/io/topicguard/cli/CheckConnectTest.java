package io.topicguard.cli;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check --config FILE --connect --password-stdin --explain} (docs/authentication.md):
 * the configuration's real chain is walked, each step printed with its answer, cause and latency,
 * then the policy's connect decision; the exit status is check's (0 allow, 1 deny, 2 usage).
 */
class CheckConnectTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!";
    private static final String STEP_LATENCY = " in \\d+\\.\\d\\d ms";

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void files() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("policy.acl"), """
                anonymous allow
                ban clientid "mallory"
                allow username "alice" to publish "a/#"
                """);
        Files.writeString(etc.resolve("passwd"), "");
        assertThat(Cli.runWithStdin("alice-pw\n", "passwd", etc.resolve("passwd").toString(), "alice").status()).isZero();
        config = etc.resolve("topicguard.yaml");
        // Relative names: the chain and the policy are found beside the file, wherever check runs.
        Files.writeString(config, """
                policy: policy.acl
                listeners:
                  - {name: tcp, port: 1883}
                authentication:
                  - password-file: passwd
                  - jwt: {secret: "%s", claims: {sub: "${username}"}}
                """.formatted(SECRET));
    }

    private Cli.Run check(String stdin, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "check";
        args[1] = "--config";
        args[2] = config.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        return Cli.runWithStdin(stdin, args);
    }

    private static String token(String subject, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(expires)).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void theRightPasswordIsAllowedAndTheStepShowsItsAnswerAndLatency() {
        Cli.Run run = check("alice-pw\n", "--connect", "--username", "alice", "--password-stdin", "--explain");

        assertThat(run.status()).as(run.toString()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).isEqualTo("allow");
        assertThat(lines[1]).matches("step 1: password-file: allow" + STEP_LATENCY);
        assertThat(lines[2]).isEqualTo("chain: allowed by password-file");
        assertThat(lines[3]).isEqualTo("reason: default");
    }

    @Test
    void aWrongPasswordIsDeniedByThePasswordFileAndTheJwtIsNeverAsked() {
        Cli.Run run = check("not-it\n", "--connect", "--username", "alice", "--password-stdin", "--explain");

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("deny");
        assertThat(lines[1]).matches("step 1: password-file: deny \\(wrong password\\)" + STEP_LATENCY);
        assertThat(lines[2]).isEqualTo("chain: denied by password-file: the client is refused with \"bad username or password\""
                + " (MQTT 5: 0x86, MQTT 3.1.1: 4)");
    }

    @Test
    void onlyOneTrailingNewlineIsRemovedFromThePassword() {
        assertThat(check("alice-pw", "--connect", "--username", "alice", "--password-stdin").status()).as("no newline").isZero();
        assertThat(check("alice-pw\r\n", "--connect", "--username", "alice", "--password-stdin").status()).as("CRLF").isZero();
        Cli.Run two = check("alice-pw\n\n", "--connect", "--username", "alice", "--password-stdin");
        assertThat(two.status()).as("the second newline is part of the password").isEqualTo(1);
        assertThat(two.out()).isEqualTo("deny\n");
    }

    @Test
    void aUserThePasswordFileDoesNotKnowIsPassedToTheJwtAuthenticator() throws Exception {
        Cli.Run run = check(token("bob", Instant.now().plusSeconds(600)) + "\n",
                "--connect", "--username", "bob", "--client-id", "bob-1", "--peer", "10.0.0.7", "--password-stdin", "--explain");

        assertThat(run.status()).as(run.toString()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[1]).matches("step 1: password-file: ignore \\(unknown user\\)" + STEP_LATENCY);
        assertThat(lines[2]).matches("step 2: jwt: allow \\(until .*\\)" + STEP_LATENCY);
        assertThat(lines[3]).startsWith("chain: allowed by jwt (credentials expire at ");
    }

    @Test
    void anExpiredTokenIsDeniedWithItsCause() throws Exception {
        Cli.Run run = check(token("bob", Instant.now().minusSeconds(3600)), "--connect", "--username", "bob", "--password-stdin", "--explain");

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("deny\n").contains("step 2: jwt: deny (").contains("expired").contains("chain: denied by jwt");
    }

    @Test
    void aUsernameNoAuthenticatorKnowsIsRefusedEvenWithoutAPassword() {
        Cli.Run run = check("", "--connect", "--username", "carol", "--explain");

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("step 1: password-file: ignore (unknown user)")
                .contains("chain: no authenticator knew the client: a client with a username is refused");
    }

    @Test
    void anAnonymousClientIsAdmittedByThePolicysAnonymousSettingWhenNoAuthenticatorAnswers() {
        Cli.Run run = check("", "--connect", "--explain");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("chain: no authenticator knew the client; it is anonymous, so the policy's anonymous setting decides")
                .contains("reason: anonymous");
    }

    @Test
    void aBannedClientIsRefusedByThePolicyBeforeAnyAuthenticatorIsAsked() {
        Cli.Run run = check("alice-pw\n", "--connect", "--username", "alice", "--clientid", "mallory", "--password-stdin", "--explain");

        assertThat(run.status()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("step 1").contains("chain: not asked: the policy refuses this client before any authenticator")
                .contains("reason: banned");
    }

    @Test
    void theConfigurationsPolicyAnswersOtherQuestionsToo() {
        Cli.Run run = check("", "--username", "alice", "--publish", "a/b", "--explain");

        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("allow\nreason: rule\n").contains("policy.acl:3");
    }

    @Test
    void passwordStdinWithoutAConfigurationIsAUsageError() throws Exception {
        Cli.Run run = Cli.runWithStdin("pw", "check", "--policy", dir.resolve("etc/policy.acl").toString(), "--connect",
                "--username", "alice", "--password-stdin");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("topicguard check: --password-stdin needs --config and --connect");
    }

    @Test
    void aBrokenConfigurationIsReportedAtItsLineWithStatus2() throws Exception {
        Files.writeString(config, "policy: policy.acl\nauthentication:\n  - pasword-file: passwd\n");
        Cli.Run run = check("", "--connect", "--username", "alice");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("topicguard.yaml:3:5: error: unknown authenticator 'pasword-file'").contains("password-file");
        assertThat(run.out()).isEmpty();
    }
}
