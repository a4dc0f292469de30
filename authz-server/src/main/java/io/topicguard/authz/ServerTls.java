package io.topicguard.authz;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.topicguard.auth.config.TlsConfig;
import io.topicguard.auth.tls.PemContents;
import io.topicguard.auth.tls.PemException;
import io.topicguard.auth.tls.PemFile;
import io.topicguard.auth.tls.TrustStores;

import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The HTTP listener's TLS context from the configuration's {@code http.tls} PEM files: TLSv1.3
 * and TLSv1.2 through the JDK provider, client certificates verified against {@code cafile}
 * when given (required with {@code require-client-cert}). The files are read as the broker reads
 * its own ({@link PemContents}: PKCS#8, PKCS#1 and SEC1 keys), so a problem is one line naming
 * the key and the file ({@code http.tls: key /etc/tg/key.pem: not PEM ...}); the context is Netty's.
 */
final class ServerTls {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private ServerTls() {
    }

    /** @throws IllegalArgumentException one line naming the file and the cause */
    static SslContext context(TlsConfig tls) {
        for (var file : tls.cafile() == null ? List.of(tls.cert(), tls.key()) : List.of(tls.cert(), tls.key(), tls.cafile())) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("http.tls: " + file + " is not a readable file");
            }
        }
        if (tls.requireClientCert() && tls.cafile() == null) {
            throw new IllegalArgumentException("http.tls: require-client-cert needs cafile, the CA certificates client certificates are checked against");
        }
        try {
            List<X509Certificate> chain = PemContents.read(new PemFile("cert", tls.cert())).certificates();
            PrivateKey key = PemContents.read(new PemFile("key", tls.key())).privateKey();
            SslContextBuilder builder = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS);
            if (tls.cafile() != null) {
                PemFile cafile = new PemFile("cafile", tls.cafile());
                builder.trustManager(trustManagers(cafile, PemContents.read(cafile).certificates()))
                        .clientAuth(tls.requireClientCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return builder.build();
        } catch (PemException e) {
            throw new IllegalArgumentException("http.tls: " + e.getMessage(), e);
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("http.tls: cannot use " + tls.cert() + " and " + tls.key() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    private static javax.net.ssl.TrustManagerFactory trustManagers(PemFile cafile, List<X509Certificate> authorities) throws PemException {
        try {
            return TrustStores.pkix(authorities);
        } catch (GeneralSecurityException e) {
            throw cafile.problem("cannot be used as trusted CA certificates: " + e.getMessage());
        }
    }
}
