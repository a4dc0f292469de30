package io.topicguard.hivemq;

import io.topicguard.testkit.pki.TestPki;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy sees the client as HiveMQ knows it: {@code listener} is the HiveMQ listener's name,
 * {@code ip} the peer address, {@code cn} the common name of the verified TLS client certificate.
 */
class ClientIdentityTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private static final String POLICY = """
            default deny
            anonymous allow
            allow cn "sensor-7" and listener "tls" and ip "127.0.0.1" to subscribe "sensors/#"
            """;

    private static TestPki.Issued ca;
    private static int tlsPort;
    private static EmbeddedTopicguard hivemq;

    @BeforeAll
    static void start() throws Exception {
        ca = TestPki.ca("topicguard test CA");
        TestPki.Issued server = TestPki.server(ca);
        Path dir = EmbeddedTopicguard.folder("policy: policy.acl\n", "policy.acl", POLICY);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.privateKey(), PASSWORD, new Certificate[]{server.certificate(), ca.certificate()});
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        Path keystore = dir.resolve("server.p12");
        Path truststore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(keystore)) {
            keys.store(out, PASSWORD);
        }
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trust.store(out, PASSWORD);
        }
        tlsPort = EmbeddedTopicguard.freePort();
        hivemq = EmbeddedTopicguard.start(dir, """
                <tls-tcp-listener>
                  <port>%d</port>
                  <bind-address>127.0.0.1</bind-address>
                  <name>tls</name>
                  <tls>
                    <keystore><path>%s</path><password>changeit</password><private-key-password>changeit</private-key-password></keystore>
                    <truststore><path>%s</path><password>changeit</password></truststore>
                    <client-authentication-mode>REQUIRED</client-authentication-mode>
                  </tls>
                </tls-tcp-listener>
                """.formatted(tlsPort, keystore, truststore));
    }

    @AfterAll
    static void stop() throws Exception {
        hivemq.close();
    }

    @Test
    void theCertificatesCommonNameTheListenerNameAndTheAddressReachThePolicy() throws Exception {
        assertThat(subscribeOverTls("sensor-7", "id-tls-7")).isEqualTo(1);
    }

    @Test
    void anotherCommonNameIsAnotherClient() throws Exception {
        assertThat(subscribeOverTls("sensor-8", "id-tls-8")).isEqualTo(0x87);
    }

    @Test
    void withoutTlsThereIsNoCommonNameAndTheListenerIsAnother() throws Exception {
        try (V5Client plain = V5Client.connect(hivemq.port(), "id-tcp")) {
            assertThat(plain.subscribe("sensors/#", 1)).isEqualTo(0x87);
        }
    }

    private static int subscribeOverTls(String commonName, String clientId) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("ssl://127.0.0.1:" + tlsPort, clientId, new MemoryPersistence());
        try {
            MqttConnectionOptions options = V5Client.options();
            options.setSocketFactory(TestPki.clientContext(ca, TestPki.client(ca, commonName)).getSocketFactory());
            options.setHttpsHostnameVerificationEnabled(false);
            client.connect(options).waitForCompletion(5_000);
            var token = client.subscribe(new MqttSubscription[]{new MqttSubscription("sensors/#", 1)}, null, null, null);
            token.waitForCompletion(5_000);
            return token.getReasonCodes()[0];
        } finally {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(2_000);
            }
            client.close();
        }
    }
}
