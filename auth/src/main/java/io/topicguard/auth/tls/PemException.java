package io.topicguard.auth.tls;

/**
 * A certificate or key file is unusable. The message is one line that names the option, the file
 * and the cause, ready to be printed as it is, for example
 * {@code --cert /etc/topicguard/server.pem: not PEM (no '-----BEGIN' line found)}.
 */
public final class PemException extends Exception {

    public PemException(String message) {
        super(message);
    }
}
