package io.topicguard.auth.rules;

/**
 * A carried rule that cannot be used; the message names the rule ({@code rule #2}) and what is
 * wrong with it. One bad rule rejects the whole set: a half-applied set could grant what the
 * issuer meant to deny.
 */
public final class CarriedRuleException extends Exception {

    public CarriedRuleException(String message) {
        super(message);
    }
}
