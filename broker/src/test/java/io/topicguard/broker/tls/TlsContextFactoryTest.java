package io.topicguard.broker.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.topicguard.testkit.pki.TestPki.Issued;
import io.topicguard.testkit.pki.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Start-up checks: every misconfiguration is one line naming the option, the file and the cause. */
class TlsContextFactoryTest {

    @TempDir
    static Path dir;

    static Issued ca;
    static Issued server;
    static Path cert;
    static Path key;
    static Path caFile;

    @BeforeAll
    static void pki() throws IOException {
        ca = TestPki.ca("Test CA");
        TestPki.ServerFiles files = TestPki.serverFiles(dir, ca);
        server = files.server();
        cert = files.cert();
        key = files.key();
        caFile = files.caFile();
    }

    private static String failure(Path certFile, Path keyFile, Path ca, boolean require) {
        TlsConfigException e = catchThrowableOfType(TlsConfigException.class,
                () -> TlsContextFactory.serverContext(new TlsOptions(certFile, keyFile, ca, require)));
        assertThat(e).as("expected a TlsConfigException").isNotNull();
        assertThat(e.getMessage()).as("one line").doesNotContain("\n");
        return e.getMessage();
    }

    private static SSLEngine engine(SslContext context) {
        return context.newEngine(ByteBufAllocator.DEFAULT);
    }

    // ---- what works ----

    @Test
    void pkcs8EcKeyWithoutCaFileAsksNoClientCertificate() throws Exception {
        SSLEngine engine = engine(TlsContextFactory.serverContext(new TlsOptions(cert, key, null, false)));
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(engine.getWantClientAuth()).isFalse();
        assertThat(engine.getNeedClientAuth()).isFalse();
    }

    @Test
    void caFileMakesClientCertificatesOptional() throws Exception {
        SSLEngine engine = engine(TlsContextFactory.serverContext(new TlsOptions(cert, key, caFile, false)));
        assertThat(engine.getWantClientAuth()).isTrue();
        assertThat(engine.getNeedClientAuth()).isFalse();
    }

    @Test
    void requireClientCertMakesThemMandatory() throws Exception {
        SSLEngine engine = engine(TlsContextFactory.serverContext(new TlsOptions(cert, key, caFile, true)));
        assertThat(engine.getNeedClientAuth()).isTrue();
    }

    @Test
    void sec1EcKeyWithOpensslParametersBlockIsAccepted() throws Exception {
        // 'openssl ecparam -genkey' writes EC PARAMETERS before EC PRIVATE KEY.
        String parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
        Path sec1 = TestPki.write(dir, "sec1.pem", parameters + TestPki.sec1(server.keys()));
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
        assertThat(TlsContextFactory.serverContext(new TlsOptions(cert, sec1, null, false))).isNotNull();
    }

    @Test
    void pkcs1AndPkcs8RsaKeysAreAccepted() throws Exception {
        Issued rsa = TestPki.server(ca, TestPki.rsaKeys(0), Instant.now().minusSeconds(60), TestPki.daysFromNow(1));
        Path rsaCert = TestPki.write(dir, "rsa.pem", TestPki.pem(rsa.certificate()));
        Path pkcs1 = TestPki.write(dir, "rsa-pkcs1.pem", TestPki.traditional(rsa.keys()));
        Path pkcs8 = TestPki.write(dir, "rsa-pkcs8.pem", TestPki.pkcs8(rsa.privateKey()));
        assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");
        assertThat(TlsContextFactory.serverContext(new TlsOptions(rsaCert, pkcs1, null, false))).isNotNull();
        assertThat(TlsContextFactory.serverContext(new TlsOptions(rsaCert, pkcs8, null, false))).isNotNull();
    }

    @Test
    void certificateAndKeyMayShareOneFile() throws Exception {
        Path both = TestPki.write(dir, "both.pem", TestPki.pem(server.certificate()) + TestPki.pkcs8(server.privateKey()));
        assertThat(TlsContextFactory.serverContext(new TlsOptions(both, both, null, false))).isNotNull();
    }

    // ---- options ----

    @Test
    void requireClientCertWithoutCaFileIsAConfigError() {
        assertThat(failure(cert, key, null, true)).isEqualTo(
                "--require-client-cert needs --cafile, the PEM file with the CA certificates that client certificates are verified against");
    }

    @Test
    void expiredCaInTheBundleIsAWarningNotAFailure() throws Exception {
        Instant notAfter = TestPki.daysFromNow(-1);
        Issued oldCa = TestPki.ca("Old CA", TestPki.daysFromNow(-30), notAfter);
        Path bundle = TestPki.write(dir, "bundle.pem", TestPki.pem(ca.certificate(), oldCa.certificate()));
        try (LogCapture log = LogCapture.of(TlsContextFactory.class)) {
            assertThat(TlsContextFactory.serverContext(new TlsOptions(cert, key, bundle, true))).isNotNull();
            assertThat(log.lines()).containsExactly("WARN --cafile " + bundle + ": CA certificate CN=Old CA expired on "
                    + notAfter + "; client certificates it issued will be refused");
        }
    }

    // ---- files that cannot be read ----

    @Test
    void missingCertificateFile() {
        Path missing = dir.resolve("missing.pem");
        assertThat(failure(missing, key, null, false)).isEqualTo("--cert " + missing + ": file not found");
    }

    @Test
    void missingKeyFile() {
        Path missing = dir.resolve("missing-key.pem");
        assertThat(failure(cert, missing, null, false)).isEqualTo("--key " + missing + ": file not found");
    }

    @Test
    void missingCaFile() {
        Path missing = dir.resolve("missing-ca.pem");
        assertThat(failure(cert, key, missing, false)).isEqualTo("--cafile " + missing + ": file not found");
    }

    @Test
    void directoryInsteadOfFile() {
        assertThat(failure(dir, key, null, false)).isEqualTo("--cert " + dir + ": is a directory, not a file");
    }

    @Test
    void unreadableKeyFile() throws IOException {
        // root reads any file whatever its mode, so this can only be observed as another user.
        assumeThat(System.getProperty("user.name")).as("running as root").isNotEqualTo("root");
        Path locked = TestPki.write(dir, "locked-key.pem", TestPki.pkcs8(server.privateKey()));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assertThat(failure(cert, locked, null, false))
                    .isEqualTo("--key " + locked + ": permission denied (not readable by this process)");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void emptyCaFile() throws IOException {
        Path empty = TestPki.write(dir, "empty-ca.pem", "");
        assertThat(failure(cert, key, empty, false)).isEqualTo("--cafile " + empty + ": file is empty");
    }

    // ---- wrong content ----

    @Test
    void textThatIsNotPem() throws IOException {
        Path text = TestPki.write(dir, "notes.txt", "this is not a certificate\n");
        assertThat(failure(text, key, null, false)).isEqualTo("--cert " + text + ": not PEM (no '-----BEGIN' line found)");
    }

    @Test
    void binaryDerCertificate() throws Exception {
        Path der = dir.resolve("server.der");
        Files.write(der, server.certificate().getEncoded());
        assertThat(failure(der, key, null, false)).isEqualTo("--cert " + der
                + ": not PEM: this looks like binary DER; convert it with 'openssl x509 -inform der' (certificates)"
                + " or 'openssl pkey -inform der' (keys)");
    }

    @Test
    void corruptBase64InACertificateBlock() throws IOException {
        Path corrupt = TestPki.write(dir, "corrupt.pem", "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n");
        assertThat(failure(corrupt, key, null, false)).startsWith("--cert " + corrupt + ": PEM block 1 is malformed: ");
    }

    @Test
    void keyWhereTheCertificateBelongs() {
        assertThat(failure(key, cert, null, false)).isEqualTo(
                "--cert " + key + ": holds a private key, not a certificate (were --cert and --key swapped?)");
    }

    @Test
    void certificateWhereTheKeyBelongs() {
        assertThat(failure(cert, cert, null, false)).isEqualTo(
                "--key " + cert + ": holds a certificate, not a private key (were --cert and --key swapped?)");
    }

    @Test
    void keyGivenAsCaFile() {
        assertThat(failure(cert, key, key, false)).isEqualTo("--cafile " + key + ": holds a private key, not a certificate");
    }

    @Test
    void caFileWithoutCertificate() throws IOException {
        Path publicKey = TestPki.write(dir, "public.pem", "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(server.keys().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        assertThat(failure(cert, key, publicKey, false))
                .isEqualTo("--cafile " + publicKey + ": no certificate found (the file holds a public key)");
    }

    @Test
    void encryptedPkcs8KeyIsRefused() throws IOException {
        Path encrypted = TestPki.write(dir, "enc8.pem", TestPki.encryptedPkcs8(server.privateKey()));
        assertThat(failure(cert, encrypted, null, false)).isEqualTo("--key " + encrypted
                + ": the private key is encrypted and topicguard does not ask for passphrases;"
                + " write an unencrypted copy readable only by the broker's user with 'openssl pkey -in KEY -out KEY.plain'");
    }

    @Test
    void encryptedTraditionalKeyIsRefused() throws IOException {
        Path encrypted = TestPki.write(dir, "enc1.pem", TestPki.encryptedTraditional(server.keys()));
        assertThat(Files.readString(encrypted)).contains("Proc-Type: 4,ENCRYPTED");
        assertThat(failure(cert, encrypted, null, false)).startsWith("--key " + encrypted + ": the private key is encrypted");
    }

    // ---- certificate dates and key pairing ----

    @Test
    void expiredServerCertificateNamesItsDates() throws IOException {
        Instant notBefore = TestPki.daysFromNow(-30);
        Instant notAfter = TestPki.daysFromNow(-1);
        Issued expired = TestPki.server(ca, TestPki.ecKeys(), notBefore, notAfter);
        Path expiredCert = TestPki.write(dir, "expired.pem", TestPki.pem(expired.certificate()));
        Path expiredKey = TestPki.write(dir, "expired-key.pem", TestPki.pkcs8(expired.privateKey()));
        assertThat(failure(expiredCert, expiredKey, null, false)).isEqualTo("--cert " + expiredCert
                + ": certificate CN=localhost expired on " + notAfter + " (valid " + notBefore + " to " + notAfter + ")");
    }

    @Test
    void notYetValidServerCertificateNamesItsDates() throws IOException {
        Instant notBefore = TestPki.daysFromNow(2);
        Instant notAfter = TestPki.daysFromNow(30);
        Issued future = TestPki.server(ca, TestPki.ecKeys(), notBefore, notAfter);
        Path futureCert = TestPki.write(dir, "future.pem", TestPki.pem(future.certificate()));
        Path futureKey = TestPki.write(dir, "future-key.pem", TestPki.pkcs8(future.privateKey()));
        assertThat(failure(futureCert, futureKey, null, false)).isEqualTo("--cert " + futureCert
                + ": certificate CN=localhost is not valid yet, it starts on " + notBefore
                + " (valid " + notBefore + " to " + notAfter + "); check the system clock");
    }

    @Test
    void expiredIntermediateInTheChainIsNamed() throws IOException {
        Issued oldCa = new Issued(ca.keys(), TestPki.server(ca, ca.keys(), TestPki.daysFromNow(-9), TestPki.daysFromNow(-2)).certificate());
        Path chain = TestPki.write(dir, "chain.pem", TestPki.pem(server.certificate(), oldCa.certificate()));
        assertThat(failure(chain, key, null, false)).startsWith("--cert " + chain + ": certificate CN=localhost expired on ");
    }

    @Test
    void keyOfAnotherEcCertificateDoesNotMatch() throws IOException {
        Path otherKey = TestPki.write(dir, "other-key.pem", TestPki.pkcs8(TestPki.ecKeys().getPrivate()));
        assertThat(failure(cert, otherKey, null, false)).isEqualTo("--key " + otherKey
                + ": the private key does not match the certificate CN=localhost in --cert " + cert + " (their public keys differ)");
    }

    @Test
    void rsaKeyForAnEcCertificateDoesNotMatch() throws IOException {
        Path rsaKey = TestPki.write(dir, "rsa-key.pem", TestPki.traditional(TestPki.rsaKeys(1)));
        assertThat(failure(cert, rsaKey, null, false)).isEqualTo("--key " + rsaKey
                + ": the private key is RSA but the certificate CN=localhost in --cert " + cert
                + " has an EC key; they do not belong together");
    }

    @Test
    void anotherRsaKeyDoesNotMatchAnRsaCertificate() throws IOException {
        Issued rsa = TestPki.server(ca, TestPki.rsaKeys(0), Instant.now().minusSeconds(60), TestPki.daysFromNow(1));
        Path rsaCert = TestPki.write(dir, "rsa2.pem", TestPki.pem(rsa.certificate()));
        Path wrongKey = TestPki.write(dir, "rsa2-wrong-key.pem", TestPki.pkcs8(TestPki.rsaKeys(1).getPrivate()));
        assertThat(failure(rsaCert, wrongKey, null, false)).isEqualTo("--key " + wrongKey
                + ": the private key does not match the certificate CN=localhost in --cert " + rsaCert + " (their public keys differ)");
    }
}
