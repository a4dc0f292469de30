package io.topicguard.broker.admin;

/** A request the admin endpoints cannot answer: becomes a 4xx with {@code {"error": message}}. */
final class BadQuery extends Exception {

    private final int status;

    BadQuery(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
