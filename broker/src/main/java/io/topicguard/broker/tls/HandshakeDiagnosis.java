package io.topicguard.broker.tls;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.topicguard.auth.tls.CertificateChecks;

import javax.net.ssl.SSLException;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A failed handshake explained: the kind of failure and one sentence for the log. Built from the
 * exception Netty's {@code SslHandler} reports, by walking its causes (and the
 * {@link PresentedCertificate} note attached by {@link AnnotatingTrustManager}).
 *
 * <p>Exception types decide where the JDK provides them (certificate dates, path building); the
 * rest is matched on the JDK 17 provider's messages, each pinned by a test in
 * {@code TlsHandshakeLoggerTest} or {@code OpensslClientTest} so that a JDK upgrade that rewords one
 * shows up as a failing test rather than a vaguer log line.
 *
 * @param kind     what went wrong
 * @param sentence what to write after "TLS handshake from PEER failed: "
 */
record HandshakeDiagnosis(HandshakeFailure kind, String sentence) {

    /** The alerts a client sends when it does not accept the broker's certificate (RFC 8446 §6.2). */
    private static final Set<String> CERTIFICATE_ALERTS = Set.of("bad_certificate", "unsupported_certificate",
            "certificate_revoked", "certificate_expired", "certificate_unknown", "unknown_ca", "access_denied");

    private static final String CHECK_CLIENT_SIDE = "check the CA file the client trusts and the host name it connects to";

    static HandshakeDiagnosis of(Throwable failure) {
        List<Throwable> causes = causes(failure);
        Optional<X509Certificate> presented = presented(causes);
        String lower = String.join(" | ", messages(causes)).toLowerCase(Locale.ROOT);
        return Stream.<Supplier<HandshakeDiagnosis>>of(
                        () -> notTlsOrTimeout(causes),
                        () -> certificateDates(causes, presented),
                        () -> unknownCa(causes, presented),
                        () -> negotiation(lower),
                        () -> serverCertificateRefused(lower),
                        () -> clientCertificateRefused(causes, presented),
                        () -> aborted(causes, lower))
                .map(Supplier::get)
                .filter(Objects::nonNull)
                .findFirst()
                .orElseGet(() -> new HandshakeDiagnosis(HandshakeFailure.OTHER, firstLine(causes.get(causes.size() - 1))));
    }

    private static HandshakeDiagnosis notTlsOrTimeout(List<Throwable> causes) {
        for (Throwable cause : causes) {
            if (cause instanceof NotSslRecordException) {
                return new HandshakeDiagnosis(HandshakeFailure.NOT_TLS,
                        "the client did not speak TLS (plain MQTT sent to the TLS port?)");
            }
            if (cause instanceof SslHandshakeTimeoutException) {
                return new HandshakeDiagnosis(HandshakeFailure.TIMEOUT, "the client did not finish the handshake in time");
            }
        }
        return null;
    }

    /** The JDK's validator says "validity check failed", with the dated exception as its cause. */
    private static HandshakeDiagnosis certificateDates(List<Throwable> causes, Optional<X509Certificate> presented) {
        for (Throwable cause : causes) {
            if (cause instanceof CertificateExpiredException || reason(cause) == BasicReason.EXPIRED) {
                String when = presented.map(c -> " on " + CertificateChecks.format(c.getNotAfter().toInstant())).orElse("");
                return new HandshakeDiagnosis(HandshakeFailure.CLIENT_CERT_EXPIRED, who(presented) + " expired" + when);
            }
            if (cause instanceof CertificateNotYetValidException || reason(cause) == BasicReason.NOT_YET_VALID) {
                String when = presented.map(c -> " until " + CertificateChecks.format(c.getNotBefore().toInstant())).orElse("");
                return new HandshakeDiagnosis(HandshakeFailure.CLIENT_CERT_NOT_YET_VALID, who(presented) + " is not valid"
                        + when + " (or the client's or the broker's clock is wrong)");
            }
        }
        return null;
    }

    /** "PKIX path building failed ... unable to find valid certification path to requested target". */
    private static HandshakeDiagnosis unknownCa(List<Throwable> causes, Optional<X509Certificate> presented) {
        for (Throwable cause : causes) {
            if (cause instanceof CertPathBuilderException) {
                String issuer = presented.map(c -> ", issued by " + c.getIssuerX500Principal().getName()).orElse("");
                return new HandshakeDiagnosis(HandshakeFailure.UNKNOWN_CA,
                        who(presented) + issuer + ", is not from a CA in --cafile (unknown CA)");
            }
        }
        return null;
    }

    /** What the two sides could not agree on: a client certificate, a cipher suite, a version. */
    private static HandshakeDiagnosis negotiation(String lower) {
        // TLSv1.3: "Empty client certificate chain"; the JDK's TLSv1.2 code path says
        // "Empty server certificate chain" for the very same situation on the server side.
        if (lower.contains("empty client certificate chain") || lower.contains("empty server certificate chain")) {
            return new HandshakeDiagnosis(HandshakeFailure.NO_CLIENT_CERT,
                    "the client sent no certificate, and --require-client-cert requires one");
        }
        if (lower.contains("no cipher suites in common")) {
            return new HandshakeDiagnosis(HandshakeFailure.CIPHER_MISMATCH,
                    "no cipher suite in common with the client");
        }
        // "Client requested protocol TLSv1.1 is not enabled or supported in server context",
        // "The client supported protocol versions [TLSv1.1] are not accepted by server preferences [TLS13, TLS12]"
        if (lower.contains("protocol") && (lower.contains("not enabled or supported") || lower.contains("not accepted")
                || lower.contains("no appropriate protocol") || lower.contains("protocol_version"))) {
            return new HandshakeDiagnosis(HandshakeFailure.PROTOCOL_MISMATCH,
                    "no TLS version in common with the client, which offers only versions the broker refuses"
                            + " (the broker speaks " + String.join(" and ", TlsContextFactory.PROTOCOLS) + ")");
        }
        return null;
    }

    private static HandshakeDiagnosis serverCertificateRefused(String lower) {
        String alert = receivedAlert(lower);
        if (alert != null && CERTIFICATE_ALERTS.contains(alert)) {
            return new HandshakeDiagnosis(HandshakeFailure.CLIENT_REFUSED_SERVER_CERT,
                    "the client refused the broker's certificate (alert " + alert + "); " + CHECK_CLIENT_SIDE);
        }
        // OpenSSL clients (mosquitto_pub, mosquitto_sub, ...) that refuse the broker's certificate
        // under TLSv1.3 send their alert unencrypted; the JDK, expecting an encrypted record, only
        // sees a 2-byte fragment, which is exactly an alert's size.
        if (lower.contains("aead cipher fragment (2)")) {
            return new HandshakeDiagnosis(HandshakeFailure.CLIENT_REFUSED_SERVER_CERT,
                    "the client aborted the handshake after receiving the broker's certificate, most likely refusing it; "
                            + CHECK_CLIENT_SIDE);
        }
        return null;
    }

    /** Any other verdict of the trust manager: wrong key usage, bad signature, ... in the JDK's words. */
    private static HandshakeDiagnosis clientCertificateRefused(List<Throwable> causes, Optional<X509Certificate> presented) {
        for (Throwable cause : causes) {
            if (cause instanceof CertificateException || cause instanceof CertPathValidatorException) {
                return new HandshakeDiagnosis(HandshakeFailure.CLIENT_CERT_REFUSED,
                        who(presented) + " was refused: " + firstLine(cause));
            }
        }
        return null;
    }

    private static HandshakeDiagnosis aborted(List<Throwable> causes, String lower) {
        String alert = receivedAlert(lower);
        if (alert != null) {
            return new HandshakeDiagnosis(HandshakeFailure.OTHER, "the client aborted the handshake (alert " + alert + ")");
        }
        for (Throwable cause : causes) {
            if (cause instanceof ClosedChannelException || (cause instanceof IOException && !(cause instanceof SSLException))
                    || lower.contains("connection closed while ssl/tls handshake")) {
                return new HandshakeDiagnosis(HandshakeFailure.CLOSED, "the client closed the connection during the handshake");
            }
        }
        return null;
    }

    private static String who(Optional<X509Certificate> presented) {
        return presented.map(c -> "client certificate " + CertificateChecks.subject(c)).orElse("client certificate");
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
