package io.topicguard.broker.server;

import io.topicguard.broker.testing.TestBroker;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker serving a mosquitto acl_file or an EMQX acl.conf reloads it in that format, whether
 * the file is edited or SIGHUP asks: a grant added to the file takes effect for connected
 * clients. (A reload that read the file as a native policy refused it — "unknown word 'user'" —
 * and the old grants stayed.)
 */
@DisabledOnOs(OS.WINDOWS) // SIGHUP
class ImportedPolicyReloadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** alice reads sensors/#, bob writes sensors/# and alerts/#; the edit lets alice read alerts/# too. */
    private record ForeignPolicy(String fileName, PolicyFormat format, String before, String after) {
    }

    private static final ForeignPolicy MOSQUITTO = new ForeignPolicy("acl", PolicyFormat.MOSQUITTO, """
            user alice
            topic read sensors/#
            user bob
            topic write sensors/#
            topic write alerts/#
            """, """
            user alice
            topic read sensors/#
            topic read alerts/#
            user bob
            topic write sensors/#
            topic write alerts/#
            """);

    private static final ForeignPolicy EMQX = new ForeignPolicy("acl.conf", PolicyFormat.EMQX, """
            {allow, {user, "alice"}, subscribe, ["sensors/#"]}.
            {allow, {user, "bob"}, publish, ["sensors/#", "alerts/#"]}.
            {deny, all}.
            """, """
            {allow, {user, "alice"}, subscribe, ["sensors/#"]}.
            {allow, {user, "alice"}, subscribe, ["alerts/#"]}.
            {allow, {user, "bob"}, publish, ["sensors/#", "alerts/#"]}.
            {deny, all}.
            """);

    enum Trigger { FILE_EDIT, SIGHUP }

    static Stream<Arguments> cases() {
        return Stream.of(MOSQUITTO, EMQX).flatMap(f -> Stream.of(Trigger.values()).map(t -> Arguments.of(f.format(), t)));
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("cases")
    void aGrantAddedToAForeignFormatFileTakesEffectForConnectedClients(PolicyFormat format, Trigger trigger) throws Exception {
        ForeignPolicy f = format == PolicyFormat.MOSQUITTO ? MOSQUITTO : EMQX;
        Path file = dir.resolve(f.fileName());
        Files.writeString(file, f.before());
        PolicySource source = new PolicySource(file, f.format());
        // Only the trigger under test can reload: no file watching in the SIGHUP case.
        BrokerConfig config = BrokerConfig.builder(source, source.load()).port(0).ioThreads(2)
                .watchFiles(trigger == Trigger.FILE_EDIT ? Duration.ofMillis(50) : null)
                .reloadOnHangup(trigger == Trigger.SIGHUP)
                .authentication(TestBroker.trustUsernames())
                .build();
        try (Broker broker = Broker.start(config);
             V5Client alice = V5Client.connect(broker.tcpPort(), "alice-1", as("alice"));
             V5Client bob = V5Client.connect(broker.tcpPort(), "bob-1", as("bob"))) {
            assertThat(alice.subscribe("sensors/#", 1)).isEqualTo(1);
            assertThat(alice.subscribe("alerts/#", 1)).as("not granted yet").isEqualTo(0x87);

            Files.writeString(file, f.after());
            if (trigger == Trigger.SIGHUP) {
                hangUp();
            }
            String after = Sha256.hex(f.after());
            // The status shows the new file once every connection has been re-bound to it.
            await().atMost(WAIT).until(() -> after.equals(broker.status().policy().files().get(0).sha256()));
            assertThat(broker.status().policy().source()).isEqualTo(source);
            assertThat(broker.status().policy().failures()).as("reload failures").isZero();

            assertThat(alice.subscribe("alerts/#", 1)).as("granted by the edit").isEqualTo(1);
            assertThat(bob.publish("alerts/fire", "evacuate", 1, false)).isZero();
            assertThat(alice.next(WAIT).payload()).isEqualTo("evacuate");
        }
    }

    private static void hangUp() throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).as("kill ran").isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    private static MqttConnectionOptions as(String user) {
        MqttConnectionOptions o = V5Client.options();
        o.setUserName(user);
        return o;
    }
}
