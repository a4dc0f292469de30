package io.topicguard.hivemq;

import io.topicguard.auth.password.PasswordFileEditor;
import io.topicguard.auth.reload.Reloader;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.topicguard.testkit.mqtt.Deliveries.untilSentinel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hot reload inside HiveMQ: an edited policy is in force within seconds, subscriptions are
 * classified again (a revoked one stops delivering at once), a new ban and a changed password end
 * the client's connection, and a broken policy keeps the last good one. Each test writes the
 * whole policy it needs and waits for the reload to be logged.
 */
class ReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String BASE = """
            default deny
            anonymous deny
            allow username "writer" to publish any
            allow username in ["reader", "alice", "bob"] to subscribe "public/#"
            """;

    private static EmbeddedTopicguard hivemq;
    private static Path policy;
    private static Path passwd;

    @BeforeAll
    static void start() throws Exception {
        Path dir = EmbeddedTopicguard.folder("""
                policy: policy.acl
                authentication:
                  - password-file: passwd
                  - trust-username: true
                """, "policy.acl", BASE, "passwd", "");
        policy = dir.resolve("policy.acl");
        passwd = dir.resolve("passwd");
        PasswordFileEditor.setPassword(passwd, "alice", "secret".getBytes(StandardCharsets.UTF_8));
        hivemq = EmbeddedTopicguard.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        hivemq.close();
    }

    @Test
    void aSubscriptionTheNewPolicyNarrowsStopsDeliveringWhatItNoLongerAllows() throws Exception {
        rewritePolicy("# narrowing\n" + BASE);
        try (V5Client reader = V5Client.connect(hivemq.port(), "reload-reader", V5Client.login("reader"));
             V5Client writer = V5Client.connect(hivemq.port(), "reload-writer", V5Client.login("writer"))) {
            assertThat(reader.subscribe("public/#", 1)).isEqualTo(1);
            writer.publish("public/secret/before", "before", 1, false);
            assertThat(reader.next(WAIT).topic()).isEqualTo("public/secret/before");

            rewritePolicy("deny username \"reader\" to subscribe \"public/secret/#\"\n" + BASE);
            writer.publish("public/secret/after", "after", 1, false);
            writer.publish("public/open", "open", 1, false);
            writer.publish("public/zz-end", "sentinel", 1, false);
            assertThat(untilSentinel(reader.received, WAIT)).extracting(Received::topic).containsExactly("public/open");
        }
    }

    @Test
    void aClientANewBanMatchesIsDisconnected() throws Exception {
        rewritePolicy("# before the ban\n" + BASE);
        try (V5Client bob = V5Client.connect(hivemq.port(), "reload-bob", V5Client.login("bob"))) {
            rewritePolicy("ban username \"bob\"\n" + BASE);
            assertThat(bob.disconnected).succeedsWithin(WAIT).isEqualTo(0x98);
        }
        assertThat(V5Client.connectReasonCode(hivemq.port(), "reload-bob-again", V5Client.login("bob"))).isEqualTo(0x8A);
    }

    @Test
    void aClientWhosePasswordChangedIsDisconnected() throws Exception {
        try (V5Client alice = V5Client.connect(hivemq.port(), "reload-alice", V5Client.login("alice", "secret"))) {
            PasswordFileEditor.setPassword(passwd, "alice", "changed".getBytes(StandardCharsets.UTF_8));
            assertThat(alice.disconnected).succeedsWithin(WAIT).isEqualTo(0x98);
            assertThat(V5Client.connectReasonCode(hivemq.port(), "reload-alice-old", V5Client.login("alice", "secret"))).isEqualTo(0x86);
            assertThat(V5Client.connectReasonCode(hivemq.port(), "reload-alice-new", V5Client.login("alice", "changed"))).isZero();
        }
    }

    @Test
    void aBrokenPolicyKeepsTheLastGoodOneInForce() throws Exception {
        rewritePolicy("# last good\n" + BASE);
        try (LogLines reloads = new LogLines(Reloader.DEFAULT_LOGGER);
             V5Client reader = V5Client.connect(hivemq.port(), "reload-broken-reader", V5Client.login("reader"));
             V5Client writer = V5Client.connect(hivemq.port(), "reload-broken-writer", V5Client.login("writer"))) {
            Files.writeString(policy, "default allow\nallow all to publsh any\n", StandardCharsets.UTF_8);
            await().atMost(WAIT).until(() -> reloads.lines().stream().anyMatch(l -> l.contains("policy.acl:2:")));
            assertThat(reader.subscribe("private/#", 1)).isEqualTo(0x87);
            assertThat(reader.subscribe("public/#", 1)).isEqualTo(1);
        }
    }

    /** Writes the policy and waits until the extension has it in force. */
    private static void rewritePolicy(String text) throws Exception {
        try (LogLines reloads = new LogLines(Reloader.DEFAULT_LOGGER)) {
            Files.writeString(policy, text, StandardCharsets.UTF_8);
            await().atMost(WAIT).until(() -> reloads.lines().stream().anyMatch(l -> l.contains("reloaded policy")));
        }
    }
}
