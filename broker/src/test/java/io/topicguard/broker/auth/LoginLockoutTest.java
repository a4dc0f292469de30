package io.topicguard.broker.auth;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.LoginLimits;
import io.topicguard.auth.chain.PasswordFileAuthenticator;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.SocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue: with a costly {@code $7$} password file, a burst of wrong-password CONNECTs that close at
 * once kept legitimate logins waiting for minutes (verification ran for sockets already gone, and
 * one queue served everyone). Now a queued check of a closed connection is dropped, one address
 * may hold only part of the workers, and failed attempts back off ("server busy") — with real
 * clients and a real password file whose hashes cost {@value #ITERATIONS} PBKDF2 iterations.
 */
class LoginLockoutTest {

    private static final int ITERATIONS = 40_000;
    /** The attacker's address: another loopback address, so the legitimate client's (127.0.0.1) differs. */
    private static final byte[] ATTACKER = {127, 0, 0, 2};

    @TempDir
    Path dir;

    private Path passwd;
    private Broker broker;

    @BeforeEach
    void writePasswords() throws Exception {
        passwd = dir.resolve("passwd");
        Files.writeString(passwd, "alice:" + pbkdf2("alice-pw") + "\nbob:" + pbkdf2("bob-pw") + "\n");
    }

    private void start(AuthenticationChain chain) {
        broker = TestBroker.start(AccessControl.of(PolicyBroker.policy("allow all to publish \"x\"\n")), chain,
                ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** mosquitto's $7$ format, computed with the JDK's PBKDF2 (not the code under test). */
    private static String pbkdf2(String password) throws Exception {
        byte[] salt = new byte[12];
        new SecureRandom().nextBytes(salt);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 512)).getEncoded();
        return "$7$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(hash);
    }

    @Test
    void aFloodOfWrongPasswordsThatCloseDoesNotKeepALegitimateLoginWaiting() throws Exception {
        start(AuthenticationChain.of(List.of(PasswordFileAuthenticator.load(passwd)))); // the defaults serve runs with
        // 600 CONNECTs with wrong passwords from one address, each closed as soon as it is sent:
        // half a minute of hashing or more on two workers if every one were verified.
        for (int i = 0; i < 600; i++) {
            try (Socket s = attackerSocket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), broker.tcpPort()));
                s.getOutputStream().write(connect("bot-" + i, "bot-" + i, "wrong-" + i));
                s.getOutputStream().flush();
            }
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> V5Client.connectReasonCode(broker.tcpPort(), "alice-1", V5Client.login("alice", "alice-pw")) == 0);
    }

    @Test
    void anAddressThatKeepsFailingIsAnsweredServerBusyWhileOthersStillLogIn() throws Exception {
        // Five failures in a row, then one an hour: what the defaults do per second, without depending on how fast hashes are.
        start(new AuthenticationChain(List.of(PasswordFileAuthenticator.load(passwd)), 2, 100, new LoginLimits(1, 100, 5, Duration.ofHours(1))));
        MqttConnectionOptions wrong = V5Client.login("bob", "not-bob-pw");
        wrong.setSocketFactory(new AttackerSockets());
        MqttConnectionOptions right = V5Client.login("bob", "bob-pw");
        right.setSocketFactory(new AttackerSockets());
        for (int i = 0; i < 5; i++) {
            assertThat(V5Client.connectReasonCode(broker.tcpPort(), "guess-" + i, wrong)).isEqualTo(0x86);
        }
        assertThat(V5Client.connectReasonCode(broker.tcpPort(), "guess-5", wrong)).isEqualTo(0x89);
        assertThat(V5Client.connectReasonCode(broker.tcpPort(), "bob-attacker", right))
                .as("nothing is verified for that address now, not even a right password").isEqualTo(0x89);
        assertThat(V5Client.connectReasonCode(broker.tcpPort(), "alice-2", V5Client.login("alice", "alice-pw")))
                .as("another address and user").isZero();
    }

    private static Socket attackerSocket() throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByAddress(ATTACKER), 0));
        return s;
    }

    private byte[] connect(String clientId, String username, String password) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.writeShort(4);
        out.write("MQTT".getBytes(StandardCharsets.US_ASCII));
        out.writeByte(4);        // MQTT 3.1.1
        out.writeByte(0xC2);     // username, password, clean session
        out.writeShort(60);
        for (String field : new String[] {clientId, username, password}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeShort(bytes.length);
            out.write(bytes);
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(body.size()); // < 128 bytes: one length byte
        body.writeTo(packet);
        return packet.toByteArray();
    }

    /** Paho's sockets, connected from the attacker's address. */
    private final class AttackerSockets extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket s = attackerSocket();
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket s = attackerSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            Socket s = attackerSocket();
            s.connect(new InetSocketAddress(host, port));
            return s;
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return createSocket(address, port);
        }
    }
}
