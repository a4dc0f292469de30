package io.topicguard.auth.tls;

import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/** Certificates read from PEM ({@link PemContents}) as the JDK's trust material: a key store, and the PKIX trust managers over it. */
public final class TrustStores {

    private TrustStores() {
    }

    /** An in-memory key store holding {@code authorities} as trusted certificate entries. */
    public static KeyStore keyStore(List<X509Certificate> authorities) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException impossible) {
            // Loading an empty in-memory store reads nothing.
            throw new IllegalStateException(impossible);
        }
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        return store;
    }

    /** The JDK's PKIX trust managers, trusting exactly {@code authorities}. */
    public static TrustManagerFactory pkix(List<X509Certificate> authorities) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(keyStore(authorities));
        return factory;
    }
}
