package io.topicguard.broker.persistence;

/** A record in the store cannot be read: the store is corrupt or was written by an incompatible broker. */
final class CorruptStoreException extends RuntimeException {

    CorruptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
