package io.topicguard.broker.server;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.IdentityOptions;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.broker.tls.TlsContextFactory;
import io.topicguard.broker.tls.TlsOptions;
import io.topicguard.testkit.mqtt.V5Client;
import io.topicguard.testkit.pki.TestPki;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mosquitto's {@code use_username_as_clientid} and {@code use_identity_as_username}: a user cannot
 * take over another's session by choosing its client id, and a certificate is a username.
 */
class IdentityOptionsTest {

    @TempDir
    Path dir;

    @Test
    void withUsernameAsClientIdAUserCannotTakeOverAnothersSession() throws Exception {
        String policy = "anonymous allow\nallow all to publish, subscribe \"devices/${clientid}/#\"\n";
        try (Broker broker = Broker.start(BrokerConfig.builder(AccessControl.of(PolicyBroker.policy(policy))).port(0).ioThreads(1)
                .authentication(TestBroker.trustUsernames()).identity(new IdentityOptions(true, false)).build());
             V5Client sensor = V5Client.connect(broker.tcpPort(), "sensor-17", V5Client.login("sensor-17"))) {
            assertThat(sensor.subscribe("devices/sensor-17/#", 1)).isEqualTo(1);

            // "dashboard" presents the sensor's client id: it gets its own ("dashboard"), the sensor stays connected.
            try (V5Client dashboard = V5Client.connect(broker.tcpPort(), "sensor-17", V5Client.login("dashboard"))) {
                assertThat(dashboard.subscribe("devices/sensor-17/#", 1)).as("${clientid} is its username now").isEqualTo(0x87);
                assertThat(dashboard.subscribe("devices/dashboard/#", 1)).isEqualTo(1);
                assertThat(broker.client("dashboard")).isPresent();
                assertThat(sensor.client.isConnected()).isTrue();
            }
            assertThat(V5Client.connectReasonCode(broker.tcpPort(), "anon", V5Client.options())).as("no username, no client id").isEqualTo(0x87);
        }
    }

    @Test
    void withIdentityAsUsernameTheCertificatesCommonNameIsTheUsername() throws Exception {
        TestPki.Issued ca = TestPki.ca("Test CA");
        TestPki.ServerFiles server = TestPki.serverFiles(dir, ca);
        String policy = "anonymous deny\nallow all to subscribe \"devices/${username}/#\"\n";
        BrokerConfig config = BrokerConfig.builder(AccessControl.of(PolicyBroker.policy(policy))).port(0).ioThreads(1)
                .tls(0, TlsPipeline.of(TlsContextFactory.serverContext(new TlsOptions(server.cert(), server.key(), server.caFile(), false))))
                .identity(new IdentityOptions(false, true)) // no authentication chain at all: the certificate is the credential
                .build();
        try (Broker broker = Broker.start(config)) {
            int tls = broker.tlsPort().orElseThrow();
            assertThat(TlsClients.subscribe(tls, TestPki.clientContext(ca, TestPki.client(ca, "device-1")), "c1", "mallory", "devices/device-1/#"))
                    .as("the username sent is replaced by the CN").isEqualTo(1);
            assertThat(TlsClients.subscribe(tls, TestPki.clientContext(ca, TestPki.client(ca, "device-2")), "c2", null, "devices/device-1/#"))
                    .isEqualTo(0x87);
            assertThat(connectCode(tls, TestPki.clientContext(ca, null), "c3")).as("no certificate").isEqualTo(0x87);
            assertThat(V5Client.connectReasonCode(broker.tcpPort(), "c4", V5Client.login("device-1", "x"))).as("plain TCP").isEqualTo(0x87);
        }
    }

    private static MqttAsyncClient tlsClient(int port, SSLContext tls, String clientId) throws MqttException {
        return new MqttAsyncClient("ssl://127.0.0.1:" + port, clientId, new MemoryPersistence());
    }

    private static int connectCode(int port, SSLContext tls, String clientId) throws Exception {
        MqttAsyncClient client = tlsClient(port, tls, clientId);
        try {
            MqttConnectionOptions o = V5Client.options();
            o.setSocketFactory(tls.getSocketFactory());
            client.connect(o).waitForCompletion(10_000);
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        } finally {
            client.close(true);
        }
    }
}
