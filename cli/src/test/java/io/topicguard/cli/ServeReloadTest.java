package io.topicguard.cli;

import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code topicguard serve --policy-format mosquitto}, run as its own process as an operator runs
 * it, reloads the acl_file in that format when it is edited and on SIGHUP: the format given at
 * start stays the file's format.
 */
@DisabledOnOs(OS.WINDOWS) // SIGHUP
class ServeReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(tcp\\)");

    @TempDir
    Path dir;

    private Process serve;

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null) {
            serve.destroy();
            if (!serve.waitFor(10, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    @Test
    void aMosquittoAclFileReloadsInItsFormatOnEditAndOnSighup() throws Exception {
        Path acl = dir.resolve("acl"); // a name that says nothing: the format comes from --policy-format
        Files.writeString(acl, "user alice\ntopic read sensors/#\nuser bob\ntopic write sensors/#\ntopic write alerts/#\n");
        Path log = dir.resolve("serve.log");
        serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TopicguardCommand.class.getName(),
                "serve", "--policy", acl.toString(), "--policy-format", "mosquitto", "--port", "0", "--sys-interval", "0",
                "--trust-usernames")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(WAIT).until(() -> LISTENING.matcher(read(log)).find());
        Matcher listening = LISTENING.matcher(read(log));
        assertThat(listening.find()).isTrue();
        int port = Integer.parseInt(listening.group(1));

        try (V5Client alice = V5Client.connect(port, "alice-1", as("alice"));
             V5Client bob = V5Client.connect(port, "bob-1", as("bob"))) {
            assertThat(alice.subscribe("alerts/#", 1)).as("not granted yet").isEqualTo(0x87);

            Files.writeString(acl, "user alice\ntopic read sensors/#\ntopic read alerts/#\nuser bob\ntopic write sensors/#\ntopic write alerts/#\n");
            await().atMost(WAIT).until(() -> read(log).contains("file change: reloaded policy"));
            assertThat(alice.subscribe("alerts/#", 1)).as("granted by the edit").isEqualTo(1);
            assertThat(bob.publish("alerts/fire", "evacuate", 1, false)).isZero();
            assertThat(alice.next(WAIT).payload()).isEqualTo("evacuate");

            Process hangUp = new ProcessBuilder("kill", "-HUP", Long.toString(serve.pid())).start();
            assertThat(hangUp.waitFor(10, TimeUnit.SECONDS)).isTrue();
            // SIGHUP reloads even an unchanged file, so this shows it read the file as mosquitto's again.
            await().atMost(WAIT).until(() -> read(log).contains("SIGHUP: reloaded policy"));
            assertThat(read(log)).doesNotContain("ERROR");
            assertThat(bob.publish("alerts/fire", "still", 1, false)).isZero();
            assertThat(alice.next(WAIT).payload()).isEqualTo("still");
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static MqttConnectionOptions as(String user) {
        MqttConnectionOptions o = V5Client.options();
        o.setUserName(user);
        return o;
    }
}
