package io.topicguard.auth.password;

/** A password file could not be read; the message names the file, the line where known, and the cause. */
public final class PasswordFileException extends Exception {

    public PasswordFileException(String message) {
        super(message);
    }

    public PasswordFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
