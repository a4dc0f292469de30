package io.topicguard.engine;

/**
 * A carried rule the engine cannot use; the message names the rule ({@code client rule #2 (jwt)})
 * and what is wrong with it. One bad rule rejects the whole set: a half-applied set could grant
 * what the issuer meant to deny (docs/semantics.md, Client rules).
 */
public final class ClientRulesException extends Exception {

    public ClientRulesException(String message) {
        super(message);
    }
}
