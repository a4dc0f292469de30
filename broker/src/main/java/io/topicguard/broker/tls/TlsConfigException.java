package io.topicguard.broker.tls;

/** The TLS configuration is unusable; the message is one line naming the file and the cause. */
public final class TlsConfigException extends Exception {

    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
