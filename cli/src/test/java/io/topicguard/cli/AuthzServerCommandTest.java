package io.topicguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topicguard authz-server --config FILE [--check]}: start-up checks and refusals. */
class AuthzServerCommandTest {

    @TempDir
    Path dir;

    private record Result(int status, String err) {
    }

    private Result run(String... args) {
        StringWriter err = new StringWriter();
        int status = TopicguardCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]), args);
        return new Result(status, err.toString());
    }

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("topicguard.yaml"), yaml);
    }

    @Test
    void checkLoadsEverythingAndExitsZeroWithoutServing() throws Exception {
        Files.writeString(dir.resolve("policy.acl"), "allow all to publish \"a/#\"\n");
        Files.writeString(dir.resolve("passwd"), "");
        Path config = config("policy: policy.acl\nauthentication:\n  - password-file: passwd\nhttp: {port: 8090, bind: 127.0.0.1}\n");

        Result run = run("authz-server", "--config", config.toString(), "--check");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("ok (policy: 1 rules; 1 authenticators)");
    }

    @Test
    void checkWarnsAboutWhatTheServedBrokersCannotEnforceWithoutFailing() throws Exception {
        Files.writeString(dir.resolve("policy.acl"), "allow all to publish \"a/#\" retain false\n");
        Path config = config("policy: policy.acl\nauthentication:\n  - jwt: {secret: \"a-secret-that-is-32-bytes-long!!\"}\n");

        Result run = run("authz-server", "--config", config.toString(), "--check");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains(":1:1: warning: the policy has no 'client rules' statement")
                .contains(":1:1: warning: mosquitto-go-auth asks without a QoS or retain flag, so for mosquitto this rule's"
                        + " retain option is not enforced")
                .contains("ok (policy: 1 rules; 1 authenticators)");
    }

    @Test
    void aConfigurationWithoutPolicyIsRefused() throws Exception {
        Result run = run("authz-server", "--config", config("http: {port: 8090}\n").toString(), "--check");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("names no policy");
    }

    @Test
    void aBrokenPolicyIsReportedAtItsLine() throws Exception {
        Files.writeString(dir.resolve("policy.acl"), "default allow\nallow nobody to dance \"a\"\n");

        Result run = run("authz-server", "--config", config("policy: policy.acl\n").toString(), "--check");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("policy.acl:2:");
    }

    @Test
    void configurationProblemsAreLocated() throws Exception {
        Result run = run("authz-server", "--config", config("policy: policy.acl\nhtpp: {port: 8090}\n").toString(), "--check");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("topicguard.yaml:2:1").contains("http");
    }

    @Test
    void tlsFilesThatCannotBeUsedAreRefusedByCheck() throws Exception {
        Files.writeString(dir.resolve("policy.acl"), "default deny\n");
        Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
        Files.writeString(dir.resolve("key.pem"), "not a key\n");
        Path config = config("policy: policy.acl\nhttp: {port: 8090, tls: {cert: cert.pem, key: key.pem}}\n");

        Result run = run("authz-server", "--config", config.toString(), "--check");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("http.tls").contains("cert.pem");
    }
}
