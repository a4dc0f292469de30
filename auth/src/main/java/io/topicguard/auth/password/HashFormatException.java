package io.topicguard.auth.password;

/** A hash field that is not in a known format; the message never contains the hash. */
final class HashFormatException extends Exception {

    HashFormatException(String message) {
        super(message);
    }
}
