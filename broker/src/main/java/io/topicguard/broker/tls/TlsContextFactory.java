package io.topicguard.broker.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.topicguard.auth.tls.CertificateChecks;
import io.topicguard.auth.tls.PemContents;
import io.topicguard.auth.tls.PemException;
import io.topicguard.auth.tls.PemFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Builds the server's {@link SslContext} and fails fast, with one line naming the file and the
 * cause, on every common misconfiguration: a file that is missing, unreadable, a directory or not
 * PEM; a key where a certificate belongs or the other way round; an encrypted key; a server
 * certificate that has expired or is not valid yet (with its dates); a key that does not match the
 * certificate; a CA file with no certificate.
 *
 * <p>The context speaks TLSv1.3 and TLSv1.2 through the JDK provider. With {@code caFile} clients
 * may present a certificate, verified against that bundle ({@link ClientAuth#OPTIONAL}); with
 * {@code requireClientCert} as well they must ({@link ClientAuth#REQUIRE}).
 *
 * <pre>{@code
 * SslContext context;
 * try {
 *     context = TlsContextFactory.serverContext(new TlsOptions(cert, key, caFile, requireClientCert));
 * } catch (TlsConfigException e) {
 *     System.err.println("topicguard: " + e.getMessage());   // one line, no stack trace
 *     return 2;
 * }
 * }</pre>
 * Thread-safe: it keeps no state; the returned context is immutable and shared by all channels.
 */
public final class TlsContextFactory {

    /** TLSv1.2 is still what many embedded MQTT stacks speak; anything older is refused. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final Logger LOG = LoggerFactory.getLogger(TlsContextFactory.class);

    private TlsContextFactory() {
    }

    /**
     * Reads the files of {@code options} and builds the server context.
     *
     * @throws TlsConfigException with a one-line message naming the option, the file and the cause
     * @throws NullPointerException when {@code options} is null
     */
    public static SslContext serverContext(TlsOptions options) throws TlsConfigException {
        Objects.requireNonNull(options, "options");
        if (options.certFile() == null) {
            throw new TlsConfigException("--tls-port needs --cert, the PEM file with the server certificate");
        }
        if (options.keyFile() == null) {
            throw new TlsConfigException("--tls-port needs --key, the PEM file with the server's private key");
        }
        if (options.requireClientCert() && options.caFile() == null) {
            throw new TlsConfigException("--require-client-cert needs --cafile, the PEM file with the CA certificates"
                    + " that client certificates are verified against");
        }
        try {
            return build(options, Instant.now());
        } catch (PemException e) {
            throw new TlsConfigException(e.getMessage());
        }
    }

    private static SslContext build(TlsOptions options, Instant now) throws PemException, TlsConfigException {
        PemFile certFile = new PemFile("--cert", options.certFile());
        List<X509Certificate> chain = PemContents.read(certFile).certificates();
        CertificateChecks.requireValid(certFile, chain, now);

        PemFile keyFile = new PemFile("--key", options.keyFile());
        PrivateKey key = PemContents.read(keyFile).privateKey();
        CertificateChecks.requireMatch(keyFile, key, certFile, chain.get(0));

        SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS);
        if (options.caFile() != null) {
            PemFile caFile = new PemFile("--cafile", options.caFile());
            List<X509Certificate> authorities = PemContents.read(caFile).certificates();
            warnAboutExpired(caFile, authorities, now);
            builder.trustManager(trustManager(caFile, authorities))
                    .clientAuth(options.requireClientCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        try {
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsConfigException(certFile + ", " + keyFile + ": the JDK refuses this certificate and key: "
                    + e.getMessage(), e);
        }
    }

    private static AnnotatingTrustManager trustManager(PemFile caFile, List<X509Certificate> authorities)
            throws PemException {
        try {
            return AnnotatingTrustManager.over(authorities);
        } catch (GeneralSecurityException e) {
            throw caFile.problem("cannot be used as trusted CA certificates: " + e.getMessage());
        }
    }

    /**
     * A bundle may hold a few stale authorities next to the one in use, so an expired CA is not
     * fatal; but when it is the one in use every client handshake fails, so say it at start.
     */
    private static void warnAboutExpired(PemFile caFile, List<X509Certificate> authorities, Instant now) {
        for (X509Certificate authority : authorities) {
            if (now.isAfter(authority.getNotAfter().toInstant())) {
                LOG.warn("{}: CA certificate {} expired on {}; client certificates it issued will be refused",
                        caFile, CertificateChecks.subject(authority), CertificateChecks.format(authority.getNotAfter().toInstant()));
            } else if (now.isBefore(authority.getNotBefore().toInstant())) {
                LOG.warn("{}: CA certificate {} is not valid until {}; client certificates it issued will be refused",
                        caFile, CertificateChecks.subject(authority), CertificateChecks.format(authority.getNotBefore().toInstant()));
            }
        }
    }
}
