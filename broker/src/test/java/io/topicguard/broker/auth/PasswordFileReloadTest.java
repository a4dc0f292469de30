package io.topicguard.broker.auth;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.PasswordFileAuthenticator;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.topicguard.testkit.mqtt.V5Client.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real mosquitto-format password file (the repository's example, $7$ PBKDF2 hashes): a cached
 * login stops working once the user is removed from the file, without a restart.
 */
class PasswordFileReloadTest {

    @TempDir
    Path dir;

    @Test
    void removingAUserFromThePasswordFileRevokesItsCachedLogin() throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.copy(Path.of("../examples/passwd"), passwd);
        AuthenticationChain chain = AuthenticationChain.of(List.of(PasswordFileAuthenticator.load(passwd)));
        try (Broker broker = TestBroker.start(AccessControl.of(PolicyBroker.policy("allow all to publish \"x\"\n")), chain,
                ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5)))) {
            assertThat(V5Client.connectReasonCode(broker.tcpPort(), "s17-a", login("sensor-17", "sensor-17-example-pw"))).isZero();
            assertThat(V5Client.connectReasonCode(broker.tcpPort(), "s17-b", login("sensor-17", "sensor-17-example-pw"))).as("cached").isZero();
            assertThat(V5Client.connectReasonCode(broker.tcpPort(), "s17-c", login("sensor-17", "wrong"))).isEqualTo(0x86);

            List<String> kept = Files.readAllLines(passwd).stream().filter(l -> !l.startsWith("sensor-17:")).toList();
            Files.write(passwd, kept);
            await().atMost(Duration.ofSeconds(15)).until(() -> V5Client.connectReasonCode(broker.tcpPort(), "s17-d", login("sensor-17", "sensor-17-example-pw")) == 0x86);
            assertThat(V5Client.connectReasonCode(broker.tcpPort(), "ctl", login("control", "control-example-pw"))).isZero();
        }
    }
}
