package io.topicguard.broker.metrics;

import io.topicguard.broker.ops.OperationsOptions;
import io.topicguard.broker.testing.OperatedBroker;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V5Client;
import io.topicguard.auth.password.PasswordFileEditor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.topicguard.testkit.mqtt.V5Client.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Metrics of a running broker with real clients: authentication outcomes, decisions, reloads, and the $SYS summary. */
class LiveMetricsTest {

    private static final String POLICY = """
            ban clientid "evil"
            allow username "dashboard" to subscribe "$SYS/#"
            allow all to publish "t/#"
            allow all to subscribe "#"
            """;

    @TempDir
    Path dir;

    @Test
    void countsAuthenticationOutcomesDecisionsAndReloadsAndSummarizesThemOnSysTopicsForAllowedReadersOnly() throws Exception {
        Path policy = dir.resolve("policy.acl");
        Files.writeString(policy, POLICY);
        Path passwd = dir.resolve("passwd");
        PasswordFileEditor.setPassword(passwd, "dashboard", "dash-pw".getBytes(StandardCharsets.UTF_8));
        PasswordFileEditor.setPassword(passwd, "bob", "bob-pw".getBytes(StandardCharsets.UTF_8));
        OperationsOptions options = OperationsOptions.defaults().withAdminPort(0, "127.0.0.1")
                .withSysInterval(Duration.ofMillis(100));
        try (OperatedBroker ob = OperatedBroker.start(policy, passwd, options);
             V5Client dashboard = V5Client.connect(ob.port(), "dash", login("dashboard", "dash-pw"));
             V5Client bob = V5Client.connect(ob.port(), "bob", login("bob", "bob-pw"))) {
            assertThat(V5Client.connectReasonCode(ob.port(), "b2", login("bob", "wrong"))).isEqualTo(0x86);
            assertThat(V5Client.connectReasonCode(ob.port(), "z", login("zed", "whatever"))).isEqualTo(0x86);
            assertThat(V5Client.connectReasonCode(ob.port(), "anon", V5Client.options())).isEqualTo(0x87);
            assertThat(V5Client.connectReasonCode(ob.port(), "evil", login("bob", "bob-pw"))).isEqualTo(0x8A);
            assertThat(bob.subscribe("$SYS/#", 0)).as("the policy keeps $SYS from bob").isEqualTo(0x87);
            assertThat(bob.subscribe("#", 0)).isZero();
            assertThat(bob.publish("x/denied", "no", 1, false)).isEqualTo(0x87);
            Files.writeString(policy, POLICY + "allow nobody\n");
            ob.broker.reload();

            BrokerMetrics m = ob.ops.metrics();
            assertThat(m.authentications().count("ok")).isEqualTo(2);
            assertThat(m.authentications().count("bad_password")).isEqualTo(1);
            assertThat(m.authentications().count("unknown_user")).isEqualTo(1);
            assertThat(m.authentications().count("anonymous_refused")).isEqualTo(1);
            assertThat(m.authentications().count("banned")).isEqualTo(1);
            assertThat(m.passwordLatency().count()).isEqualTo(4);
            assertThat(m.decisions().count("publish", "deny", "default")).isEqualTo(1);
            assertThat(m.decisions().count("subscribe", "deny", "default")).isEqualTo(1);
            assertThat(m.reloads().count("failure")).isEqualTo(1);
            PrometheusTextTest.assertParses(m.render());

            assertThat(dashboard.subscribe("$SYS/topicguard/#", 0)).isZero();
            Map<String, String> latest = new ConcurrentHashMap<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (Received r : dashboard.drain(Duration.ofMillis(50))) {
                    latest.put(r.topic(), r.payload());
                }
                return "1".equals(latest.get("$SYS/topicguard/reloads/failure"))
                        && "2".equals(latest.get("$SYS/topicguard/clients/connected"))
                        && "1".equals(latest.get("$SYS/topicguard/authentications/banned"));
            });
            assertThat(latest).containsEntry("$SYS/topicguard/authentications/bad_password", "1")
                    .containsEntry("$SYS/topicguard/subscriptions/allow", "2")
                    .containsEntry("$SYS/topicguard/limits/sessions", "0")
                    .containsEntry("$SYS/topicguard/queue/dropped/queue_bytes_full", "0");

            bob.publish("t/marker", "m", 1, false);
            List<String> bobTopics = new java.util.ArrayList<>();
            do {
                bobTopics.add(bob.next(Duration.ofSeconds(10)).topic());
            } while (!bobTopics.contains("t/marker"));
            assertThat(bobTopics).as("a '#' subscription never matches $SYS (MQTT-4.7.2-1), though summaries went out meanwhile")
                    .noneMatch(t -> t.startsWith("$SYS"));
        }
    }
}
