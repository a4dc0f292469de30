package io.topicguard.auth.chain;

/**
 * An authenticator that cannot be built from its configuration: a password file that does not
 * parse, a key file that holds no usable key. The message names the file and the cause.
 */
public final class AuthenticatorSetupException extends Exception {

    public AuthenticatorSetupException(String message) {
        super(message);
    }

    public AuthenticatorSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
