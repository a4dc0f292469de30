package io.topicguard.cli;

import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code topicguard serve --config FILE} run as a process, as an operator runs it: the listeners
 * of the file (a TCP one and an MQTT-over-WebSocket one) each carry their name to the policy's
 * {@code listener} term, and the file's password file checks CONNECT passwords, for Paho clients
 * over {@code tcp://} and {@code ws://}.
 */
class ServeConfigEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\((\\w+)");

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
        Path log = dir.resolve("serve.log");
        // From another directory: every name in the file is found beside the file.
        serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TopicguardCommand.class.getName(),
                "serve", "--config", "etc/topicguard.yaml")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(WAIT).until(() -> ports(log).size() == 2 || !serve.isAlive());
        Map<String, Integer> ports = ports(log);
        assertThat(ports).as(read(log)).containsOnlyKeys("tcp", "web");
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
        assertThat(read(log)).contains("listener=tcp").doesNotContain("ERROR");
    }

    private static Map<String, Integer> ports(Path log) throws IOException {
        Map<String, Integer> ports = new HashMap<>();
        Matcher m = LISTENING.matcher(read(log));
        while (m.find()) {
            ports.put(m.group(2), Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
