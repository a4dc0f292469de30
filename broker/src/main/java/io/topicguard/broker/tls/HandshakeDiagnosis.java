package io.topicguard.broker.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A failed handshake explained: the kind of failure and one sentence for the log. Built from the
 * exception Netty's {@code SslHandler} reports, by walking its causes (and the
 * {@link PresentedCertificate} note attached by {@link AnnotatingTrustManager}).
 *
 * <p>Exception types decide where the JDK provides them (certificate dates, path building); the
 * rest is matched on the JDK 17 provider's messages, each pinned by a test in
 * {@code TlsHandshakeLoggerTest} so that a JDK upgrade that rewords one shows up as a failing test
 * rather than a vaguer log line.
 *
 * @param kind     what went wrong
 * @param sentence what to write after "TLS handshake from PEER failed: "
 */
record HandshakeDiagnosis(HandshakeFailure kind, String sentence) {

    /** The alerts a client sends when it does not accept the broker's certificate (RFC 8446 §6.2). */
    private static final Set<String> CERTIFICATE_ALERTS = Set.of("bad_certificate", "unsupported_certificate",
            "certificate_revoked", "certificate_expired", "certificate_unknown", "unknown_ca", "access_denied");

    static HandshakeDiagnosis of(Throwable failure) {
        List<Throwable> causes = causes(failure);
        Optional<X509Certificate> presented = presented(causes);
        String who = presented.map(c -> "client certificate " + CertificateChecks.subject(c)).orElse("client certificate");

        for (Throwable cause : causes) {
            if (cause instanceof NotSslRecordException) {
                return new HandshakeDiagnosis(HandshakeFailure.NOT_TLS,
                        "the client did not speak TLS (plain MQTT sent to the TLS port?)");
            }
            if (cause instanceof SslHandshakeTimeoutException) {
                return new HandshakeDiagnosis(HandshakeFailure.TIMEOUT, "the client did not finish the handshake in time");
            }
        }
        // Certificate dates: the JDK's validator says "validity check failed" with the dated exception as cause.
        for (Throwable cause : causes) {
            if (cause instanceof CertificateExpiredException || reason(cause) == BasicReason.EXPIRED) {
                String when = presented.map(c -> " on " + CertificateChecks.format(c.getNotAfter().toInstant())).orElse("");
                return new HandshakeDiagnosis(HandshakeFailure.CLIENT_CERT_EXPIRED, who + " expired" + when);
            }
            if (cause instanceof CertificateNotYetValidException || reason(cause) == BasicReason.NOT_YET_VALID) {
                String when = presented.map(c -> " until " + CertificateChecks.format(c.getNotBefore().toInstant())).orElse("");
                return new HandshakeDiagnosis(HandshakeFailure.CLIENT_CERT_NOT_YET_VALID, who + " is not valid" + when
                        + " (or the client's or the broker's clock is wrong)");
            }
        }
        for (Throwable cause : causes) {
            // "PKIX path building failed ... unable to find valid certification path to requested target"
            if (cause instanceof CertPathBuilderException) {
                String issuer = presented.map(c -> ", issued by " + c.getIssuerX500Principal().getName()).orElse("");
                return new HandshakeDiagnosis(HandshakeFailure.UNKNOWN_CA,
                        who + issuer + ", is not from a CA in --cafile (unknown CA)");
            }
        }
        String messages = String.join(" | ", messages(causes));
        String lower = messages.toLowerCase(Locale.ROOT);
        // TLSv1.3: "Empty client certificate chain"; the JDK's TLSv1.2 code path says
        // "Empty server certificate chain" for the very same situation on the server side.
        if (lower.contains("empty client certificate chain") || lower.contains("empty server certificate chain")) {
            return new HandshakeDiagnosis(HandshakeFailure.NO_CLIENT_CERT,
                    "the client sent no certificate, and --require-client-cert requires one");
        }
        if (lower.contains("no cipher suites in common")) {
            return new HandshakeDiagnosis(HandshakeFailure.CIPHER_MISMATCH,
                    "no cipher suite in common with the client (" + firstMatching(causes, "cipher") + ")");
        }
        // "Client requested protocol TLSv1.1 is not enabled or supported in server context",
        // "The client supported protocol versions [TLSv1.1] are not accepted by server preferences [TLS13, TLS12]"
        if (lower.contains("protocol") && (lower.contains("not enabled or supported") || lower.contains("not accepted")
                || lower.contains("no appropriate protocol") || lower.contains("protocol_version"))) {
            return new HandshakeDiagnosis(HandshakeFailure.PROTOCOL_MISMATCH,
                    "no TLS version in common with the client, which offers only versions the broker refuses"
                            + " (the broker speaks " + String.join(" and ", TlsContextFactory.PROTOCOLS) + ")");
        }
        String alert = receivedAlert(lower);
        if (alert != null && CERTIFICATE_ALERTS.contains(alert)) {
            return new HandshakeDiagnosis(HandshakeFailure.CLIENT_REFUSED_SERVER_CERT,
                    "the client refused the broker's certificate (alert " + alert
                            + "); check the CA file the client trusts and the host name it connects to");
        }
        // OpenSSL clients (mosquitto_pub, mosquitto_sub, ...) that refuse the broker's certificate
        // under TLSv1.3 send their alert unencrypted; the JDK, expecting an encrypted record, only
        // sees a 2-byte fragment, which is exactly an alert's size.
        if (lower.contains("aead cipher fragment (2)")) {
            return new HandshakeDiagnosis(HandshakeFailure.CLIENT_REFUSED_SERVER_CERT,
                    "the client aborted the handshake after receiving the broker's certificate, most likely refusing it;"
                            + " check the CA file the client trusts and the host name it connects to");
        }
        for (Throwable cause : causes) {
            if (cause instanceof CertificateException || cause instanceof CertPathValidatorException) {
                return new HandshakeDiagnosis(HandshakeFailure.CLIENT_CERT_REFUSED,
                        who + " was refused: " + firstLine(cause));
            }
        }
        if (alert != null) {
            return new HandshakeDiagnosis(HandshakeFailure.OTHER, "the client aborted the handshake (alert " + alert + ")");
        }
        for (Throwable cause : causes) {
            if (cause instanceof ClosedChannelException || (cause instanceof IOException && !(cause instanceof javax.net.ssl.SSLException))
                    || lower.contains("connection closed while ssl/tls handshake")) {
                return new HandshakeDiagnosis(HandshakeFailure.CLOSED, "the client closed the connection during the handshake");
            }
        }
        return new HandshakeDiagnosis(HandshakeFailure.OTHER, firstLine(causes.get(causes.size() - 1)));
    }

    /** The failure and its causes, outermost first, without cycles. */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static Optional<X509Certificate> presented(List<Throwable> causes) {
        for (Throwable cause : causes) {
            for (Throwable note : cause.getSuppressed()) {
                if (note instanceof PresentedCertificate certificate) {
                    return Optional.of(certificate.certificate());
                }
            }
        }
        return Optional.empty();
    }

    private static CertPathValidatorException.Reason reason(Throwable cause) {
        return cause instanceof CertPathValidatorException validation ? validation.getReason() : null;
    }

    private static List<String> messages(List<Throwable> causes) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause : causes) {
            if (cause.getMessage() != null) {
                messages.add(cause.getMessage());
            }
        }
        return messages;
    }

    private static String firstMatching(List<Throwable> causes, String word) {
        for (Throwable cause : causes) {
            if (cause.getMessage() != null && cause.getMessage().toLowerCase(Locale.ROOT).contains(word)) {
                return firstLine(cause);
            }
        }
        return firstLine(causes.get(0));
    }

    /** The alert name from the JDK's "Received fatal alert: certificate_unknown", or null. */
    private static String receivedAlert(String lowerMessages) {
        String marker = "received fatal alert: ";
        int at = lowerMessages.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        int end = start;
        while (end < lowerMessages.length()
                && (Character.isLetterOrDigit(lowerMessages.charAt(end)) || lowerMessages.charAt(end) == '_')) {
            end++;
        }
        return lowerMessages.substring(start, end);
    }

    private static String firstLine(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse(message);
    }
}
