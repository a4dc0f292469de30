package io.topicguard.broker.tls;

/**
 * Why a client's TLS handshake failed, in the words an operator acts on. The mapping from the JDK
 * provider's exceptions is {@link HandshakeDiagnosis#of(Throwable)}.
 */
enum HandshakeFailure {

    CLIENT_CERT_EXPIRED(true),
    CLIENT_CERT_NOT_YET_VALID(true),
    UNKNOWN_CA(true),
    NO_CLIENT_CERT(true),
    CLIENT_CERT_REFUSED(true),
    PROTOCOL_MISMATCH(true),
    CIPHER_MISMATCH(true),
    NOT_TLS(true),
    CLIENT_REFUSED_SERVER_CERT(true),
    /** Scanners, health checks and stalled clients: routine noise, logged at DEBUG. */
    TIMEOUT(false),
    /** The peer hung up mid-handshake without saying why: routine noise, logged at DEBUG. */
    CLOSED(false),
    OTHER(true);

    private final boolean worthInfo;

    HandshakeFailure(boolean worthInfo) {
        this.worthInfo = worthInfo;
    }

    /** Whether an operator wants to see this at INFO (false: DEBUG, to keep floods out of the log). */
    boolean worthInfo() {
        return worthInfo;
    }
}
