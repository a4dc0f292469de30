package io.topicguard.broker.tls;

import io.topicguard.testkit.pki.TestPki.Issued;
import io.topicguard.testkit.pki.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * OpenSSL clients (what mosquitto_pub and most C devices use) fail differently from the JDK's:
 * under TLSv1.3 an OpenSSL client that refuses the broker's certificate sends its alert
 * unencrypted. Runs the {@code openssl s_client} on the PATH; skipped where there is none.
 */
class OpensslClientTest {

    @TempDir
    static Path dir;

    static Path cert;
    static Path key;
    static Path otherCaFile;
    static Path caFile;

    private TlsTestServer server;
    private final LogCapture log = LogCapture.of(TlsHandshakeLogger.class);

    @BeforeAll
    static void pki() throws IOException {
        Issued ca = TestPki.ca("Test CA");
        TestPki.ServerFiles files = TestPki.serverFiles(dir, ca);
        cert = files.cert();
        key = files.key();
        caFile = files.caFile();
        otherCaFile = TestPki.write(dir, "other-ca.pem", TestPki.pem(TestPki.ca("Other CA").certificate()));
    }

    @AfterEach
    void stop() throws InterruptedException {
        log.close();
        if (server != null) {
            server.close();
        }
    }

    private static boolean opensslOnPath() {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d, "openssl")));
    }

    /**
     * Starts s_client against the server with nothing to send, waits (bounded) for the handshake
     * logger's first line, stops s_client and returns the line.
     */
    private String sClientLogLine(String protocolFlag, Path trusted) throws Exception {
        Process process = new ProcessBuilder("openssl", "s_client", protocolFlag, "-connect", "127.0.0.1:" + server.port(),
                "-CAfile", trusted.toString(), "-verify_return_error", "-servername", "localhost")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            process.getOutputStream().close();
            return log.awaitFirstLine();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void tls13ClientRefusingTheBrokerCertificate() throws Exception {
        assumeTrue(opensslOnPath(), "openssl is not on the PATH");
        server = new TlsTestServer(TlsContextFactory.serverContext(new TlsOptions(cert, key, null, false)), 10_000);
        assertThat(sClientLogLine("-tls1_3", otherCaFile)).matches("INFO TLS handshake from 127\\.0\\.0\\.1:\\d+ failed: "
                + "the client aborted the handshake after receiving the broker's certificate, most likely refusing it;"
                + " check the CA file the client trusts and the host name it connects to");
    }

    @Test
    void tls12ClientRefusingTheBrokerCertificate() throws Exception {
        assumeTrue(opensslOnPath(), "openssl is not on the PATH");
        server = new TlsTestServer(TlsContextFactory.serverContext(new TlsOptions(cert, key, null, false)), 10_000);
        assertThat(sClientLogLine("-tls1_2", otherCaFile)).matches("INFO TLS handshake from 127\\.0\\.0\\.1:\\d+ failed: "
                + "the client refused the broker's certificate \\(alert unknown_ca\\);"
                + " check the CA file the client trusts and the host name it connects to");
    }

    @Test
    void tls13ClientWithoutCertificateWhenOneIsRequired() throws Exception {
        assumeTrue(opensslOnPath(), "openssl is not on the PATH");
        server = new TlsTestServer(TlsContextFactory.serverContext(new TlsOptions(cert, key, caFile, true)), 10_000);
        assertThat(sClientLogLine("-tls1_3", caFile)).matches("INFO TLS handshake from 127\\.0\\.0\\.1:\\d+ failed: "
                + "the client sent no certificate, and --require-client-cert requires one");
    }
}
