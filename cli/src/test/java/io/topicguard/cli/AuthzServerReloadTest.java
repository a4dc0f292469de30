package io.topicguard.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code topicguard authz-server}, run as its own process as an operator runs it, reloads on
 * SIGHUP as {@code serve} does: a forced reload, so even an unchanged policy file is read again
 * and the reload is logged with its trigger.
 */
@DisabledOnOs(OS.WINDOWS) // SIGHUP
class AuthzServerReloadTest {

    private static final Pattern LISTENING = Pattern.compile("decision service on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    private ServeProcess service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aSighupReloadsThePolicyAndTheServiceKeepsAnswering() throws Exception {
        Files.writeString(dir.resolve("policy.acl"), "allow all to publish \"a/#\"\n");
        Path config = Files.writeString(dir.resolve("topicguard.yaml"), "policy: policy.acl\nhttp: {port: 0, bind: 127.0.0.1}\n");
        service = ServeProcess.command(dir, dir.resolve("authz.log"), "authz-server", "--config", config.toString());
        await().atMost(ServeProcess.WAIT).until(() -> LISTENING.matcher(service.log()).find() || !service.isAlive());
        Matcher listening = LISTENING.matcher(service.log());
        assertThat(listening.find()).as(service.log()).isTrue();
        URI acl = URI.create("http://127.0.0.1:" + listening.group(1) + "/mosquitto/acl");
        assertThat(publishAnswer(acl)).isEqualTo(200);

        Process hangUp = new ProcessBuilder("kill", "-HUP", Long.toString(service.pid())).start();
        assertThat(hangUp.waitFor(10, TimeUnit.SECONDS)).isTrue();

        // The file did not change, so only the SIGHUP handler can have reloaded it.
        await().atMost(ServeProcess.WAIT).until(() -> service.log().contains("SIGHUP: reloaded policy"));
        assertThat(service.isAlive()).as("SIGHUP does not end the process").isTrue();
        assertThat(service.log()).doesNotContain("ERROR");
        assertThat(publishAnswer(acl)).isEqualTo(200);
    }

    private static int publishAnswer(URI acl) throws Exception {
        String body = "{\"username\":\"alice\",\"clientid\":\"alice-1\",\"topic\":\"a/b\",\"acc\":2}";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(acl).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
