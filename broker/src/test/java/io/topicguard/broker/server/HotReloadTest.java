package io.topicguard.broker.server;

import io.topicguard.auth.reload.ReloadResult;
import io.topicguard.broker.ops.OperationsOptions;
import io.topicguard.broker.testing.OperatedBroker;
import io.topicguard.testkit.mqtt.Received;
import io.topicguard.testkit.mqtt.V5Client;
import io.topicguard.auth.password.PasswordFileEditor;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.topicguard.testkit.mqtt.V5Client.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hot reload with real clients connected: edits on disk govern the running broker at once. */
class HotReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** Every main policy here lets clients without a username connect; the rules follow. */
    private static final String ANONYMOUS = "anonymous allow\n";

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, name.startsWith("policy.acl") ? ANONYMOUS + text : text);
        return p;
    }

    /** Rewrites the main policy in place (same inode), as most editors and {@code echo >} do. */
    private static void rewrite(Path policy, String rules) throws Exception {
        Files.writeString(policy, ANONYMOUS + rules);
    }

    private static String sha(String text) {
        return Sha256.hex(text);
    }

    /** Waits until the main policy file in force has exactly {@code text}. */
    private static void awaitInForce(OperatedBroker ob, String text) {
        // The status changes once every connection has been re-bound.
        await().atMost(WAIT).until(() -> ob.broker.status().policy().files().get(0).sha256().equals(sha(ANONYMOUS + text)));
    }

    @Test
    void revokingASubscriptionInPlaceStopsItsDeliveriesAtOnce() throws Exception {
        Path policy = write("policy.acl", "allow all to publish \"#\"\nallow all to subscribe \"news/#\", \"feed/#\"\n");
        try (OperatedBroker ob = OperatedBroker.start(policy);
             V5Client reader = V5Client.connect(ob.port(), "reader");
             V5Client writer = V5Client.connect(ob.port(), "writer")) {
            assertThat(reader.subscribe("news/#", 1)).isEqualTo(1);
            assertThat(reader.subscribe("feed/#", 1)).isEqualTo(1);
            writer.publish("news/a", "before", 1, false);
            assertThat(reader.next(WAIT).payload()).isEqualTo("before");

            String revoked = "allow all to publish \"#\"\nallow all to subscribe \"feed/#\"\n";
            rewrite(policy, revoked); // in place: same inode
            awaitInForce(ob, revoked);

            writer.publish("news/a", "after", 1, false);
            writer.publish("feed/x", "marker", 1, false);
            // One publisher, one subscriber: order is kept, so "after" would arrive before the marker.
            assertThat(reader.next(WAIT).payload()).isEqualTo("marker");
            assertThat(ob.broker.client("reader").orElseThrow().subscriptions()).extracting(ClientView.Subscribed::filter).containsExactly("feed/#");
        }
    }

    @Test
    void aBrokenEditKeepsTheOldPolicyAndLogsTheProblemWithItsPosition() throws Exception {
        Path policy = write("policy.acl", "allow all to publish, subscribe \"a/#\"\n");
        try (ReloadLog log = new ReloadLog();
             OperatedBroker ob = OperatedBroker.start(policy);
             V5Client reader = V5Client.connect(ob.port(), "reader");
             V5Client writer = V5Client.connect(ob.port(), "writer")) {
            assertThat(reader.subscribe("a/#", 1)).isEqualTo(1);

            rewrite(policy, "allow all to publish, subscribe \"a/#\"\nallow all to frobnicate \"a/#\"\n");
            await().atMost(WAIT).until(() -> ob.broker.status().policy().failures() == 1);

            assertThat(log.errors()).hasSize(1);
            assertThat(log.errors().get(0)).startsWith("ERROR file change: cannot reload the policy").contains("policy.acl:3:");
            assertThat(ob.broker.status().policy().lastError()).contains("policy.acl:3:");
            writer.publish("a/x", "still served", 1, false);
            assertThat(reader.next(WAIT).payload()).isEqualTo("still served");
        }
    }

    @Test
    void aNewFileRenamedOverThePolicyIsPickedUp() throws Exception {
        Path policy = write("policy.acl", "allow all to publish \"a\"\n");
        try (OperatedBroker ob = OperatedBroker.start(policy);
             V5Client c = V5Client.connect(ob.port(), "c")) {
            assertThat(c.publish("b", "x", 1, false)).isEqualTo(0x87);

            String next = "allow all to publish \"a\", \"b\"\n";
            Path tmp = write("policy.acl.tmp", next);
            Files.move(tmp, policy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            awaitInForce(ob, next);

            assertThat(c.publish("b", "x", 1, false)).isZero();
        }
    }

    @Test
    void anEditOfAnIncludedFileIsPickedUp() throws Exception {
        write("tenants/acme.acl", "allow all to publish \"acme/a\"\n");
        Path policy = write("policy.acl", "include \"tenants/acme.acl\"\n");
        try (OperatedBroker ob = OperatedBroker.start(policy);
             V5Client c = V5Client.connect(ob.port(), "c")) {
            assertThat(c.publish("acme/b", "x", 1, false)).isEqualTo(0x87);

            String included = "allow all to publish \"acme/#\"\n";
            Files.writeString(dir.resolve("tenants/acme.acl"), included);
            await().atMost(WAIT).until(() -> ob.broker.status().policy().files().get(1).sha256().equals(sha(included)));

            assertThat(c.publish("acme/b", "x", 1, false)).isZero();
        }
    }

    @Test
    void touchingAFileWithoutChangingItDoesNotReload() throws Exception {
        String text = "allow all to publish \"a\"\n";
        Path policy = write("policy.acl", text);
        try (OperatedBroker ob = OperatedBroker.start(policy)) {
            rewrite(policy, text);
            Files.setLastModifiedTime(policy, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

            assertThat(ob.broker.reload().outcome()).isEqualTo(ReloadResult.Outcome.UNCHANGED);
            assertThat(ob.broker.status().policy().reloads()).isZero();
            assertThat(ob.broker.reload("SIGHUP", true).outcome()).as("forced").isEqualTo(ReloadResult.Outcome.RELOADED);
        }
    }

    @Test
    void aDeletedOrDirectoryPolicyKeepsTheOldOneWithOneErrorNamingTheFile() throws Exception {
        Path policy = write("policy.acl", "allow all to publish \"a\"\n");
        try (ReloadLog log = new ReloadLog();
             OperatedBroker ob = OperatedBroker.start(policy);
             V5Client c = V5Client.connect(ob.port(), "c")) {
            Files.delete(policy);
            assertThat(ob.broker.reload().outcome()).isEqualTo(ReloadResult.Outcome.FAILED);
            assertThat(ob.broker.reload().outcome()).as("same broken state: not retried").isEqualTo(ReloadResult.Outcome.UNCHANGED);
            assertThat(c.publish("a", "x", 1, false)).isZero();

            Files.createDirectory(policy);
            assertThat(ob.broker.reload().outcome()).isEqualTo(ReloadResult.Outcome.FAILED);
            assertThat(c.publish("a", "x", 1, false)).isZero();

            assertThat(log.errors()).hasSize(2).allSatisfy(line -> assertThat(line).contains("policy.acl"));
            assertThat(ob.broker.status().policy().failures()).isEqualTo(2);
        }
    }

    @Test
    void anUnreadablePolicyKeepsTheOldOne() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
        Path policy = write("policy.acl", "allow all to publish \"a\"\n");
        try (OperatedBroker ob = OperatedBroker.start(policy)) {
            Files.setPosixFilePermissions(policy, java.util.Set.of());
            assertThat(ob.broker.reload().outcome()).isEqualTo(ReloadResult.Outcome.FAILED);
            assertThat(ob.broker.status().policy().lastError()).contains("policy.acl");
            assertThat(ob.broker.status().policy().ruleCount()).isEqualTo(1);
        }
    }

    @Test
    void aNewBanDisconnectsTheConnectedClientWithAdministrativeAction() throws Exception {
        Path policy = write("policy.acl", "allow all to publish \"#\"\n");
        try (OperatedBroker ob = OperatedBroker.start(policy);
             V5Client mallory = V5Client.connect(ob.port(), "mallory-1");
             V5Client alice = V5Client.connect(ob.port(), "alice")) {
            String banned = "ban clientid ~ \"^mallory-\" reason \"compromised\"\nallow all to publish \"#\"\n";
            rewrite(policy, banned);

            assertThat(mallory.disconnected.get(10, TimeUnit.SECONDS)).isEqualTo(0x98);
            assertThat(alice.client.isConnected()).isTrue();
            assertThat(alice.publish("x", "still here", 1, false)).isZero();
        }
    }

    @Test
    void aSuperuserGrantTakesEffectOnTheLiveConnection() throws Exception {
        Path policy = write("policy.acl", "");
        try (OperatedBroker ob = OperatedBroker.start(policy);
             V5Client root = V5Client.connect(ob.port(), "root")) {
            assertThat(root.publish("anything", "x", 1, false)).isEqualTo(0x87);

            String granted = "superuser clientid \"root\"\n";
            rewrite(policy, granted);
            awaitInForce(ob, granted);

            assertThat(root.publish("anything", "x", 1, false)).isZero();
        }
    }

    @Test
    void messagesQueuedForAnAbsentClientAreCheckedAgainstTheNewPolicy() throws Exception {
        Path policy = write("policy.acl", "allow all to publish \"#\"\nallow all to subscribe \"box/#\"\n");
        try (OperatedBroker ob = OperatedBroker.start(policy);
             V5Client writer = V5Client.connect(ob.port(), "writer")) {
            MqttConnectionOptions persistent = V5Client.options();
            persistent.setCleanStart(false);
            persistent.setSessionExpiryInterval(600L);
            V5Client reader = V5Client.connect(ob.port(), "reader", persistent);
            assertThat(reader.subscribe("box/#", 1)).isEqualTo(1);
            reader.client.disconnect().waitForCompletion(5_000);
            reader.close();
            writer.publish("box/secret", "queued-secret", 1, false);
            writer.publish("box/open", "queued-open", 1, false);
            await().atMost(WAIT).until(() -> ob.broker.client("reader").orElseThrow().queuedMessages() == 2);

            String narrower = "allow all to publish \"#\"\ndeny all to subscribe \"box/secret\"\nallow all to subscribe \"box/#\"\n";
            rewrite(policy, narrower);
            awaitInForce(ob, narrower);

            try (V5Client back = V5Client.connect(ob.port(), "reader", persistent)) {
                Received first = back.next(WAIT);
                assertThat(first.payload()).isEqualTo("queued-open");
                writer.publish("box/open", "live", 1, false);
                assertThat(back.next(WAIT).payload()).as("the denied queued message never came").isEqualTo("live");
            }
        }
    }

    @Test
    void aChangedOrRemovedPasswordDisconnectsThatUsersConnections() throws Exception {
        Path policy = write("policy.acl", "allow all to publish \"#\"\n");
        Path passwd = dir.resolve("passwd");
        PasswordFileEditor.setPassword(passwd, "alice", "alice-pw".getBytes(StandardCharsets.UTF_8));
        PasswordFileEditor.setPassword(passwd, "bob", "bob-pw".getBytes(StandardCharsets.UTF_8));
        OperationsOptions options = OperationsOptions.defaults().withSysInterval(Duration.ZERO);
        try (OperatedBroker ob = OperatedBroker.start(policy, passwd, options);
             V5Client alice = V5Client.connect(ob.port(), "a1", login("alice", "alice-pw"));
             V5Client bob = V5Client.connect(ob.port(), "b1", login("bob", "bob-pw"))) {
            PasswordFileEditor.setPassword(passwd, "alice", "new-pw".getBytes(StandardCharsets.UTF_8));

            assertThat(alice.disconnected.get(10, TimeUnit.SECONDS)).isEqualTo(0x98);
            assertThat(bob.publish("x", "still here", 1, false)).isZero();
            V5Client again = V5Client.create(ob.port(), "a2");
            assertThat(again.tryConnect(login("alice", "alice-pw"))).as("old password").isEqualTo(0x86);
            again.close();
        }
    }
}
