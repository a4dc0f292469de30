package io.topicguard.broker.auth;

import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import io.topicguard.auth.chain.Answer;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.Authenticator;
import io.topicguard.auth.chain.ConnectCredentials;
import io.topicguard.auth.chain.PasswordFileAuthenticator;
import io.topicguard.auth.password.PasswordFileEditor;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * CONNECT with a password file: docs/semantics.md, In the broker's "bad username or password" row for both versions,
 * and the order of docs/semantics.md, Connect and In the broker (bans and anonymous before any password work). The password file's
 * file is real ($7$ hashes), wrapped in a link that records which usernames reached it; the policy is real.
 */
class PasswordConnectTest {

    private static final String POLICY = """
            anonymous allow
            default deny
            ban username "banned"
            allow all to publish, subscribe "devices/${clientid}/#"
            """;

    private final Set<String> verified = ConcurrentHashMap.newKeySet();
    private Broker broker;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        Path passwd = dir.resolve("passwd");
        PasswordFileEditor.setPassword(passwd, "alice", "right".getBytes(StandardCharsets.UTF_8));
        PasswordFileEditor.setPassword(passwd, "banned", "right".getBytes(StandardCharsets.UTF_8));
        PasswordFileAuthenticator passwords = PasswordFileAuthenticator.load(passwd);
        Authenticator recording = new Authenticator() {
            @Override
            public String name() {
                return passwords.name();
            }

            @Override
            public Answer authenticate(ConnectCredentials credentials) {
                if (credentials.username() != null) {
                    verified.add(credentials.username());
                }
                return passwords.authenticate(credentials);
            }
        };
        broker = TestBroker.start(AccessControl.of(PolicyBroker.policy(POLICY)), AuthenticationChain.of(List.of(recording)),
                ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void wrongPasswordIsRefusedWithBadUsernameOrPassword() throws Exception {
        V5Client c5 = V5Client.create(broker.tcpPort(), "pw-5");
        assertThat(c5.tryConnect(V5Client.login("alice", "wrong"))).isEqualTo(0x86);
        c5.close();
        V3Client c3 = V3Client.create(broker.tcpPort(), "pw-3");
        MqttException e = catchThrowableOfType(MqttException.class, () -> c3.client.connect(V3Client.login("alice", "wrong")));
        assertThat(e.getReasonCode()).isEqualTo(4);
        c3.close();
    }

    @Test
    void missingPasswordIsRefused() {
        V5Client c5;
        try {
            c5 = V5Client.create(broker.tcpPort(), "pw-none");
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            throw new AssertionError(e);
        }
        assertThat(c5.tryConnect(V5Client.login("alice", null))).isEqualTo(0x86);
        c5.close();
    }

    @Test
    void rightPasswordConnectsAndWorks() throws Exception {
        try (V5Client c5 = V5Client.connect(broker.tcpPort(), "pw-ok-5", V5Client.login("alice", "right"));
             V3Client c3 = V3Client.connect(broker.tcpPort(), "pw-ok-3", V3Client.login("alice", "right"))) {
            assertThat(c5.subscribe("devices/pw-ok-5/#", 1)).isEqualTo(1);
            assertThat(c3.subscribe("devices/pw-ok-3/#", 1)).isEqualTo(1);
        }
        assertThat(verified).contains("alice");
    }

    @Test
    void banIsDecidedBeforeAnyPasswordWork() throws Exception {
        V5Client c5 = V5Client.create(broker.tcpPort(), "pw-banned");
        assertThat(c5.tryConnect(V5Client.login("banned", "right"))).isEqualTo(0x8A);
        c5.close();
        assertThat(verified).doesNotContain("banned");
    }

    @Test
    void anonymousClientAllowedByPolicyNeedsNoPassword() throws Exception {
        try (V5Client c5 = V5Client.connect(broker.tcpPort(), "pw-anon", V5Client.options())) {
            assertThat(c5.client.isConnected()).isTrue();
        }
        assertThat(verified).isEmpty();
    }
}
