package io.topicguard.cli;

import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code topicguard serve --config FILE} run as a process, as an operator runs it: the listeners
 * of the file (a TCP one and an MQTT-over-WebSocket one) each carry their name to the policy's
 * {@code listener} term, and the file's password file checks CONNECT passwords, for Paho clients
 * over {@code tcp://} and {@code ws://}.
 */
class ServeConfigEndToEndTest {

    private static final Duration WAIT = ServeProcess.WAIT;

    @TempDir
    Path dir;

    @Test
    void listenersOfTheFileCarryTheirNamesToThePolicyAndItsPasswordFileChecksPasswords() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("policy.acl"), """
                anonymous deny
                allow listener "web" to publish, subscribe "dashboard/#"
                allow listener "tcp" to subscribe "dashboard/#"
                """);
        Files.writeString(etc.resolve("passwd"), "");
        assertThat(Cli.runWithStdin("alice-pw\n", "passwd", etc.resolve("passwd").toString(), "alice").status()).isZero();
        Files.writeString(etc.resolve("topicguard.yaml"), """
                policy: policy.acl
                listeners:
                  - {name: tcp, port: 0}
                  - {name: web, port: 0, websocket: {path: /mqtt}}
                authentication:
                  - password-file: passwd
                sys-interval: 0s
                persistence: false
                """);
        // From another directory: every name in the file is found beside the file.
        try (ServeProcess serve = ServeProcess.start(dir, dir.resolve("serve.log"), "--config", "etc/topicguard.yaml")) {
            Map<String, Integer> ports = serve.awaitListening(2);
            assertThat(ports).as(serve.log()).containsOnlyKeys("tcp", "web");
            exchange(ports);
            assertThat(serve.log()).contains("listener=tcp").doesNotContain("ERROR");
        }
    }

    private static void exchange(Map<String, Integer> ports) throws Exception {
        String web = "ws://127.0.0.1:" + ports.get("web") + "/mqtt";
        try (V5Client browser = V5Client.create(web, "browser-1");
             V3Client oldBrowser = V3Client.create(web, "browser-2");
             V5Client device = V5Client.connect(ports.get("tcp"), "device-1", V5Client.login("alice", "alice-pw"))) {
            assertThat(browser.tryConnect(V5Client.login("alice", "wrong"))).as("wrong password over ws://").isEqualTo(0x86);
            assertThat(browser.tryConnect(V5Client.login("alice", "alice-pw"))).isZero();
            oldBrowser.client.connect(V3Client.login("alice", "alice-pw"));

            assertThat(device.subscribe("dashboard/#", 1)).isEqualTo(1);
            assertThat(device.publish("dashboard/x", "from tcp", 1, false)).as("tcp may not publish").isEqualTo(0x87);
            assertThat(browser.publish("dashboard/load", "0.42", 1, false)).isZero();
            assertThat(device.next(WAIT).payload()).isEqualTo("0.42");
            oldBrowser.publish("dashboard/users", "7", 1, false);
            assertThat(device.next(WAIT).payload()).isEqualTo("7");
        }
    }
}
