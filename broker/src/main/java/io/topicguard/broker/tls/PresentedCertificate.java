package io.topicguard.broker.tls;

import io.topicguard.auth.tls.CertificateChecks;

import java.security.cert.X509Certificate;

/**
 * The certificate a client presented, riding along as a suppressed exception on the JDK's own
 * verification failure so that the handshake log line can name the device ({@code CN=device-1})
 * and its dates. Carries no stack trace: it is a note, not an error.
 */
final class PresentedCertificate extends Exception {

    private final transient X509Certificate certificate;

    PresentedCertificate(X509Certificate certificate) {
        super("client presented " + CertificateChecks.subject(certificate), null, false, false);
        this.certificate = certificate;
    }

    X509Certificate certificate() {
        return certificate;
    }
}
