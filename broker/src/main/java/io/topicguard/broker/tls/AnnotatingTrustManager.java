package io.topicguard.broker.tls;

import io.topicguard.auth.tls.TrustStores;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The JDK's PKIX trust manager over the {@code --cafile} bundle, unchanged in what it accepts and
 * in the alerts the client receives, except that a refused client certificate is attached to the
 * JDK's exception (as a suppressed {@link PresentedCertificate}) for {@link TlsHandshakeLogger}.
 */
final class AnnotatingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager pkix;

    private AnnotatingTrustManager(X509ExtendedTrustManager pkix) {
        this.pkix = pkix;
    }

    static AnnotatingTrustManager over(List<X509Certificate> authorities) throws GeneralSecurityException {
        for (var manager : TrustStores.pkix(authorities).getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return new AnnotatingTrustManager(extended);
            }
        }
        throw new GeneralSecurityException("the JDK offers no PKIX X509ExtendedTrustManager");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            pkix.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw annotated(e, chain);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            pkix.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw annotated(e, chain);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            pkix.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw annotated(e, chain);
        }
    }

    // A server never verifies server certificates; delegate for completeness.

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    /** The same exception object, so the JDK still picks the alert from its cause (expired, unknown CA...). */
    private static CertificateException annotated(CertificateException e, X509Certificate[] chain) {
        if (chain != null && chain.length > 0) {
            e.addSuppressed(new PresentedCertificate(chain[0]));
        }
        return e;
    }
}
