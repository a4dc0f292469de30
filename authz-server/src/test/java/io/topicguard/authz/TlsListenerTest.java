package io.topicguard.authz;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.config.HttpServerConfig;
import io.topicguard.auth.config.TlsConfig;
import io.topicguard.engine.Policy;
import io.topicguard.testkit.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code http.tls}: the decision service over HTTPS, with the broker's kind of PEM files. */
class TlsListenerTest {

    @TempDir
    Path dir;

    @Test
    void answersOverHttpsWithAPemCertificateAndKey() throws Exception {
        TestPki.Issued ca = TestPki.ca("test-ca");
        TestPki.ServerFiles files = TestPki.serverFiles(dir, ca);
        Policy policy = Policy.fromString("policy.acl", "allow all to publish \"a/#\"\n");
        try (AuthenticationChain chain = new AuthenticationChain(List.of(), 1, 10);
             AuthzServer server = AuthzServer.start(new HttpServerConfig(0, "127.0.0.1",
                     new TlsConfig(files.cert(), files.key(), null, false)), null, () -> policy, chain)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, factory.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/emqx/authz"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"clientid\":\"c\",\"action\":\"publish\",\"topic\":\"a/b\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"result\":\"allow\"}");
        }
    }

    @Test
    void aKeyThatIsNotPemIsReportedWithTheFile() throws Exception {
        TestPki.ServerFiles files = TestPki.serverFiles(dir, TestPki.ca("test-ca"));
        Path notPem = Files.writeString(dir.resolve("broken.key"), "not a key\n");
        Policy policy = Policy.fromString("policy.acl", "default deny\n");
        try (AuthenticationChain chain = new AuthenticationChain(List.of(), 1, 10)) {
            assertThatThrownBy(() -> AuthzServer.start(new HttpServerConfig(0, "127.0.0.1",
                    new TlsConfig(files.cert(), notPem, null, false)), null, () -> policy, chain))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken.key");
        }
    }

    @Test
    void aCertificateWhereTheKeyBelongsIsNamedInTheConfigurationsWords() throws Exception {
        TestPki.ServerFiles files = TestPki.serverFiles(dir, TestPki.ca("test-ca"));
        Policy policy = Policy.fromString("policy.acl", "default deny\n");
        try (AuthenticationChain chain = new AuthenticationChain(List.of(), 1, 10)) {
            assertThatThrownBy(() -> AuthzServer.start(new HttpServerConfig(0, "127.0.0.1",
                    new TlsConfig(files.cert(), files.cert(), null, false)), null, () -> policy, chain))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("http.tls: key " + files.cert() + ": holds a certificate, not a private key (were cert and key swapped?)");
        }
    }
}
