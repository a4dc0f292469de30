package io.topicguard.authz;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.topicguard.auth.config.TlsConfig;

import java.nio.file.Files;
import java.util.List;

/**
 * The HTTP listener's TLS context from the configuration's {@code http.tls} PEM files: TLSv1.3
 * and TLSv1.2 through the JDK provider, client certificates verified against {@code cafile}
 * when given (required with {@code require-client-cert}). Netty reads the PEM files itself
 * (PKCS#8 keys, and PKCS#1 / SEC1 through BouncyCastle, which is on the class path); the broker's
 * fuller diagnostics (expired certificate, key not matching) live in the broker, which this
 * service does not depend on, so a problem here is reported as Netty words it, with the file.
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
            SslContextBuilder builder = SslContextBuilder.forServer(tls.cert().toFile(), tls.key().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS);
            if (tls.cafile() != null) {
                builder.trustManager(tls.cafile().toFile())
                        .clientAuth(tls.requireClientCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return builder.build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("http.tls: cannot use " + tls.cert() + " and " + tls.key() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }
}
