package io.topicguard.authz;

/**
 * A request body that is not the contract's shape: answered 400 with a message naming the field,
 * so the operator wiring a broker to the service sees which template placeholder is wrong.
 */
final class BadRequest extends Exception {

    BadRequest(String message) {
        super(message, null, false, false);
    }

    static BadRequest field(String field, String problem) {
        return new BadRequest("field \"" + field + "\": " + problem);
    }
}
