package io.topicguard.broker.tls;

import io.topicguard.broker.testing.TestBroker;
import io.netty.handler.ssl.SslContext;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.server.BrokerConfig;
import io.topicguard.broker.server.TlsPipeline;
import io.topicguard.testkit.pki.TestPki.Issued;
import io.topicguard.engine.Policy;
import io.topicguard.testkit.pki.TestPki;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real broker's TLS listener, driven by Eclipse Paho over TLS: the verified client
 * certificate's CN reaches the policy as {@code cn}, the listener is {@code tls}, and the
 * handshake logger is in the broker's pipeline.
 */
class BrokerTlsTest {

    private static final String POLICY = """
            anonymous allow
            allow cn "device-1" to publish, subscribe "devices/device-1/#"
            allow listener "tls" to subscribe "tls-only/#"
            """;

    @TempDir
    static Path dir;

    static Issued ca;
    static Broker broker;

    @BeforeAll
    static void start() throws Exception {
        ca = TestPki.ca("Test CA");
        TestPki.ServerFiles files = TestPki.serverFiles(dir, ca);
        SslContext context = TlsContextFactory.serverContext(new TlsOptions(files.cert(), files.key(), files.caFile(), false));
        broker = Broker.start(BrokerConfig.builder(AccessControl.of(Policy.fromString("tls.acl", POLICY)))
                .port(0)
                .tls(0, TlsPipeline.of(context))
                .authentication(TestBroker.trustUsernames())
                .limits(ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(5)))
                .ioThreads(2)
                .build());
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** A Paho 3.1.1 client on the TLS port presenting {@code identity} (or no certificate). */
    private static MqttClient connect(String clientId, Issued identity, BlockingQueue<String> received) throws Exception {
        MqttClient client = new MqttClient("ssl://127.0.0.1:" + broker.tlsPort().orElseThrow(), clientId, new MemoryPersistence());
        client.setTimeToWait(5_000);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setConnectionTimeout(5);
        options.setSocketFactory(TestPki.clientContext(ca, identity).getSocketFactory());
        client.connect(options);
        return client;
    }

    private static int subscribe(MqttClient client, String filter) throws Exception {
        return client.subscribeWithResponse(filter, 1).getGrantedQos()[0];
    }

    @Test
    void clientCertificateCnReachesThePolicy() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient device = connect("device-1-client", TestPki.client(ca, "device-1"), received);
        try {
            assertThat(subscribe(device, "devices/device-1/#")).as("granted QoS").isEqualTo(1);
            device.publish("devices/device-1/temp", "21.5".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("devices/device-1/temp 21.5");
        } finally {
            device.disconnect();
            device.close();
        }
    }

    @Test
    void anotherCnDoesNotGetDevice1sRights() throws Exception {
        MqttClient other = connect("device-2-client", TestPki.client(ca, "device-2"), new LinkedBlockingQueue<>());
        try {
            assertThat(subscribe(other, "devices/device-1/#")).as("SUBACK 0x80 for a denied filter").isEqualTo(0x80);
        } finally {
            other.disconnect();
            other.close();
        }
    }

    @Test
    void clientWithoutCertificateHasNoCnButIsOnTheTlsListener() throws Exception {
        MqttClient plain = connect("no-cert-client", null, new LinkedBlockingQueue<>());
        try {
            assertThat(subscribe(plain, "devices/device-1/#")).isEqualTo(0x80);
            assertThat(subscribe(plain, "tls-only/news")).isEqualTo(1);
        } finally {
            plain.disconnect();
            plain.close();
        }
    }

    @Test
    void theBrokersTlsListenerExplainsFailedHandshakes() throws Exception {
        try (LogCapture log = LogCapture.of(TlsHandshakeLogger.class);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), broker.tlsPort().orElseThrow())) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[]{0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C, 0x00, 0x04, 't', 'e', 's', 't'});
            out.flush();
            assertThat(log.awaitFirstLine()).isEqualTo("INFO TLS handshake from 127.0.0.1:" + socket.getLocalPort()
                    + " failed: the client did not speak TLS (plain MQTT sent to the TLS port?)");
        }
    }
}
