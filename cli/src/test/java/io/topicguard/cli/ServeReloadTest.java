package io.topicguard.cli;

import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code topicguard serve --policy-format mosquitto}, run as its own process as an operator runs
 * it, reloads the acl_file in that format when it is edited and on SIGHUP: the format given at
 * start stays the file's format.
 */
@DisabledOnOs(OS.WINDOWS) // SIGHUP
class ServeReloadTest {

    private static final Duration WAIT = ServeProcess.WAIT;

    @TempDir
    Path dir;

    private ServeProcess serve;

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null) {
            serve.close();
        }
    }

    @Test
    void aMosquittoAclFileReloadsInItsFormatOnEditAndOnSighup() throws Exception {
        Path acl = dir.resolve("acl"); // a name that says nothing: the format comes from --policy-format
        Files.writeString(acl, "user alice\ntopic read sensors/#\nuser bob\ntopic write sensors/#\ntopic write alerts/#\n");
        serve = ServeProcess.start(dir, dir.resolve("serve.log"),
                "--policy", acl.toString(), "--policy-format", "mosquitto", "--port", "0", "--sys-interval", "0",
                "--trust-usernames");
        Integer port = serve.awaitListening(1).get("tcp");
        assertThat(port).as(serve.log()).isNotNull();

        try (V5Client alice = V5Client.connect(port, "alice-1", as("alice"));
             V5Client bob = V5Client.connect(port, "bob-1", as("bob"))) {
            assertThat(alice.subscribe("alerts/#", 1)).as("not granted yet").isEqualTo(0x87);

            Files.writeString(acl, "user alice\ntopic read sensors/#\ntopic read alerts/#\nuser bob\ntopic write sensors/#\ntopic write alerts/#\n");
            await().atMost(WAIT).until(() -> serve.log().contains("file change: reloaded policy"));
            assertThat(alice.subscribe("alerts/#", 1)).as("granted by the edit").isEqualTo(1);
            assertThat(bob.publish("alerts/fire", "evacuate", 1, false)).isZero();
            assertThat(alice.next(WAIT).payload()).isEqualTo("evacuate");

            Process hangUp = new ProcessBuilder("kill", "-HUP", Long.toString(serve.pid())).start();
            assertThat(hangUp.waitFor(10, TimeUnit.SECONDS)).isTrue();
            // SIGHUP reloads even an unchanged file, so this shows it read the file as mosquitto's again.
            await().atMost(WAIT).until(() -> serve.log().contains("SIGHUP: reloaded policy"));
            assertThat(serve.log()).doesNotContain("ERROR");
            assertThat(bob.publish("alerts/fire", "still", 1, false)).isZero();
            assertThat(alice.next(WAIT).payload()).isEqualTo("still");
        }
    }

    private static MqttConnectionOptions as(String user) {
        MqttConnectionOptions o = V5Client.options();
        o.setUserName(user);
        return o;
    }
}
