package io.topicguard.broker.server;

import io.topicguard.broker.testing.TestBroker;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.testkit.pki.TestPki;
import io.topicguard.broker.testing.DenialCapture;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.testkit.mqtt.V5Client;
import io.topicguard.broker.tls.TlsContextFactory;
import io.topicguard.broker.tls.TlsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TLS listener: the verified client certificate's CN reaches the policy as {@code cn}, and the
 * listener's name as {@code listener} (docs/semantics.md, The client).
 */
class TlsListenerTest {

    private static final String POLICY = """
            anonymous allow
            allow cn "device-1" and listener "tls" to subscribe "devices/device-1/#"
            """;

    @TempDir
    Path dir;

    private static int subscribeOverTls(int port, SSLContext tls, String clientId, String filter) throws Exception {
        return TlsClients.subscribe(port, tls, clientId, null, filter);
    }

    @Test
    void clientCertificateCommonNameAndListenerNameReachThePolicy() throws Exception {
        TestPki.Issued ca = TestPki.ca("Test CA");
        TestPki.ServerFiles server = TestPki.serverFiles(dir, ca);
        TestPki.Issued device = TestPki.client(ca, "device-1");
        TestPki.Issued other = TestPki.client(ca, "device-2");

        BrokerConfig config = BrokerConfig.builder(AccessControl.of(PolicyBroker.policy(POLICY))).port(0)
                .tls(0, TlsPipeline.of(TlsContextFactory.serverContext(new TlsOptions(server.cert(), server.key(), server.caFile(), false))))
                .authentication(TestBroker.trustUsernames())
                .build();
        try (Broker broker = Broker.start(config); DenialCapture log = new DenialCapture()) {
            int tlsPort = broker.tlsPort().orElseThrow();
            assertThat(subscribeOverTls(tlsPort, TestPki.clientContext(ca, device), "tls-device-1", "devices/device-1/#")).isEqualTo(1);
            assertThat(subscribeOverTls(tlsPort, TestPki.clientContext(ca, other), "tls-device-2", "devices/device-1/#")).isEqualTo(0x87);
            assertThat(subscribeOverTls(tlsPort, TestPki.clientContext(ca, null), "tls-nocert", "devices/device-1/#")).isEqualTo(0x87);
            try (V5Client plain = V5Client.connect(broker.tcpPort(), "tcp-device-1")) {
                assertThat(plain.subscribe("devices/device-1/#", 1)).as("same filter over plain TCP").isEqualTo(0x87);
            }
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("clientid=\"tls-device-2\"").contains("listener=tls"));
        }
    }
}
