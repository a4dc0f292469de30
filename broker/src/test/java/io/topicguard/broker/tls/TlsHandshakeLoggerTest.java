package io.topicguard.broker.tls;

import io.netty.handler.ssl.SslContext;
import io.topicguard.testkit.pki.TestPki.Issued;
import io.topicguard.testkit.pki.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real TLS clients (JDK sockets) against a Netty server with the production pipeline head: each
 * common handshake failure is one log line in words, and nothing of it reaches later handlers.
 * The expectations pin the JDK 17 provider's behaviour that {@link HandshakeDiagnosis} maps.
 */
class TlsHandshakeLoggerTest {

    @TempDir
    static Path dir;

    static Issued ca;
    static Issued otherCa;
    static Path cert;
    static Path key;
    static Path caFile;

    private TlsTestServer server;
    private final LogCapture log = LogCapture.of(TlsHandshakeLogger.class);

    @BeforeAll
    static void pki() throws IOException {
        ca = TestPki.ca("Test CA");
        otherCa = TestPki.ca("Other CA");
        TestPki.ServerFiles files = TestPki.serverFiles(dir, ca);
        cert = files.cert();
        key = files.key();
        caFile = files.caFile();
    }

    @AfterEach
    void stop() throws InterruptedException {
        log.close();
        if (server != null) {
            server.close();
        }
    }

    private void start(Path caBundle, boolean requireClientCert) throws Exception {
        start(caBundle, requireClientCert, 10_000);
    }

    private void start(Path caBundle, boolean requireClientCert, long handshakeTimeoutMillis) throws Exception {
        SslContext context = TlsContextFactory.serverContext(new TlsOptions(cert, key, caBundle, requireClientCert));
        server = new TlsTestServer(context, handshakeTimeoutMillis);
    }

    /** Handshakes, then reads the server's answer line; returns it, or null when the connection failed. */
    private String connect(SSLContext context, String protocol, String cipherSuite, int[] localPort) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            localPort[0] = socket.getLocalPort();
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[]{protocol});
            if (cipherSuite != null) {
                socket.setEnabledCipherSuites(new String[]{cipherSuite});
            }
            try {
                socket.startHandshake();
                // With TLSv1.3 the server judges the client certificate after the client's Finished,
                // so a refusal arrives on the first read.
                return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException refused) {
                return null;
            }
        }
    }

    private String failureLine(int localPort, String sentence) {
        return "INFO TLS handshake from 127.0.0.1:" + localPort + " failed: " + sentence;
    }

    private void assertNothingReachedLaterHandlers() throws InterruptedException {
        assertThat(server.exceptionsDownstream()).as("exceptions past the handshake logger").isEmpty();
    }

    // ---- success: the CN for the policy ----

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void verifiedClientCertificateGivesItsCommonName(String protocol) throws Exception {
        start(caFile, true);
        int[] port = new int[1];
        String answer = connect(TestPki.clientContext(ca, TestPki.client(ca, "device-1")), protocol, null, port);
        assertThat(answer).isEqualTo("cn=device-1 attribute=device-1");
        assertThat(log.awaitFirstLine()).startsWith("DEBUG TLS handshake from 127.0.0.1:" + port[0] + " done: " + protocol + " ")
                .endsWith(", client certificate CN \"device-1\"");
    }

    @Test
    void clientWithoutCertificateHasNoCommonNameWhenCertificatesAreOptional() throws Exception {
        start(caFile, false);
        assertThat(connect(TestPki.clientContext(ca, null), "TLSv1.3", null, new int[1])).isEqualTo("cn=- attribute=null");
    }

    @Test
    void withoutCaFileNoCertificateIsAskedForSoThereIsNoCommonName() throws Exception {
        start(null, false);
        assertThat(connect(TestPki.clientContext(ca, TestPki.client(ca, "device-1")), "TLSv1.3", null, new int[1]))
                .isEqualTo("cn=- attribute=null");
    }

    // ---- client certificate problems ----

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void expiredClientCertificate(String protocol) throws Exception {
        start(caFile, true);
        Instant notAfter = TestPki.daysFromNow(-1);
        Issued expired = TestPki.client(ca, "old-device", TestPki.daysFromNow(-30), notAfter);
        int[] port = new int[1];
        assertThat(connect(TestPki.clientContext(ca, expired), protocol, null, port)).isNull();
        assertThat(log.awaitFirstLine()).isEqualTo(failureLine(port[0],
                "client certificate CN=old-device expired on " + notAfter));
        assertNothingReachedLaterHandlers();
    }

    @Test
    void notYetValidClientCertificate() throws Exception {
        start(caFile, true);
        Instant notBefore = TestPki.daysFromNow(3);
        Issued future = TestPki.client(ca, "new-device", notBefore, TestPki.daysFromNow(30));
        int[] port = new int[1];
        assertThat(connect(TestPki.clientContext(ca, future), "TLSv1.3", null, port)).isNull();
        assertThat(log.awaitFirstLine()).isEqualTo(failureLine(port[0],
                "client certificate CN=new-device is not valid until " + notBefore
                        + " (or the client's or the broker's clock is wrong)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void clientCertificateFromAnUnknownCa(String protocol) throws Exception {
        start(caFile, true);
        int[] port = new int[1];
        assertThat(connect(TestPki.clientContext(ca, TestPki.client(otherCa, "rogue")), protocol, null, port)).isNull();
        assertThat(log.awaitFirstLine()).isEqualTo(failureLine(port[0],
                "client certificate CN=rogue, issued by CN=Other CA, is not from a CA in --cafile (unknown CA)"));
        assertNothingReachedLaterHandlers();
    }

    @Test
    void unknownCaIsRefusedEvenWhenCertificatesAreOptional() throws Exception {
        // A certificate that is presented must verify; optional only means "may be absent".
        start(caFile, false);
        int[] port = new int[1];
        assertThat(connect(TestPki.clientContext(ca, TestPki.client(otherCa, "rogue")), "TLSv1.3", null, port)).isNull();
        assertThat(log.awaitFirstLine()).endsWith("is not from a CA in --cafile (unknown CA)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void noClientCertificateWhenOneIsRequired(String protocol) throws Exception {
        start(caFile, true);
        int[] port = new int[1];
        assertThat(connect(TestPki.clientContext(ca, null), protocol, null, port)).isNull();
        assertThat(log.awaitFirstLine()).isEqualTo(failureLine(port[0],
                "the client sent no certificate, and --require-client-cert requires one"));
        assertNothingReachedLaterHandlers();
    }

    @Test
    void clientCertificateNotMeantForClientAuthentication() throws Exception {
        // A server certificate (extended key usage serverAuth only) used as a client certificate.
        start(caFile, true);
        int[] port = new int[1];
        assertThat(connect(TestPki.clientContext(ca, TestPki.server(ca)), "TLSv1.3", null, port)).isNull();
        assertThat(log.awaitFirstLine()).isEqualTo(failureLine(port[0],
                "client certificate CN=localhost was refused: Extended key usage does not permit use for TLS client authentication"));
    }

    // ---- protocol problems ----

    @Test
    void clientOfferingOnlyTls11() throws Exception {
        start(null, false);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(ClientHello.tls11());
            socket.getOutputStream().flush();
            assertThat(log.awaitFirstLine()).isEqualTo(failureLine(socket.getLocalPort(),
                    "no TLS version in common with the client, which offers only versions the broker refuses"
                            + " (the broker speaks TLSv1.3 and TLSv1.2)"));
        }
        assertNothingReachedLaterHandlers();
    }

    @Test
    void noCipherSuiteInCommon() throws Exception {
        start(null, false);
        int[] port = new int[1];
        // A suite the JDK supports but Netty's default list (what the broker offers) leaves out.
        String answer = connect(TestPki.clientContext(ca, null), "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", port);
        assertThat(answer).isNull();
        assertThat(log.awaitFirstLine()).isEqualTo(failureLine(port[0],
                "no cipher suite in common with the client"));
        assertNothingReachedLaterHandlers();
    }

    @Test
    void plainMqttSentToTheTlsPort() throws Exception {
        start(null, false);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(MQTT_CONNECT);
            out.flush();
            assertThat(log.awaitFirstLine()).isEqualTo(failureLine(socket.getLocalPort(),
                    "the client did not speak TLS (plain MQTT sent to the TLS port?)"));
        }
        assertNothingReachedLaterHandlers();
    }

    @Test
    void clientThatDoesNotTrustTheBrokerCertificate() throws Exception {
        start(null, false);
        int[] port = new int[1];
        assertThat(connect(TestPki.clientContext(otherCa, null), "TLSv1.3", null, port)).isNull();
        assertThat(log.awaitFirstLine()).isEqualTo(failureLine(port[0],
                "the client refused the broker's certificate (alert certificate_unknown);"
                        + " check the CA file the client trusts and the host name it connects to"));
    }

    // ---- routine noise stays at DEBUG ----

    @Test
    void clientThatHangsUpBeforeHandshakingIsOnlyDebug() throws Exception {
        start(null, false);
        int localPort;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            localPort = socket.getLocalPort();
        }
        assertThat(log.awaitFirstLine()).isEqualTo("DEBUG TLS handshake from 127.0.0.1:" + localPort
                + " failed: the client closed the connection during the handshake");
    }

    @Test
    void clientThatSendsNothingTimesOutAtDebug() throws Exception {
        start(null, false, 200);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertThat(log.awaitFirstLine()).isEqualTo("DEBUG TLS handshake from 127.0.0.1:" + socket.getLocalPort()
                    + " failed: the client did not finish the handshake in time");
        }
    }

    /** MQTT 3.1.1 CONNECT, client id "test", as a client configured for the plain port sends it. */
    private static final byte[] MQTT_CONNECT = {
            0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C, 0x00, 0x04, 't', 'e', 's', 't'};
}
