package io.topicguard.broker.tls;

/**
 * The TLS configuration is unusable. The message is one line that names the option, the file and
 * the cause, ready to be printed as it is, for example
 * {@code --cert /etc/topicguard/server.pem: certificate CN=broker expired on 2026-01-01T00:00:00Z
 * (valid 2025-01-01T00:00:00Z to 2026-01-01T00:00:00Z)}.
 */
public final class TlsConfigException extends Exception {

    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
