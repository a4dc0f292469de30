package io.topicguard.engine;

/**
 * The {@code partial} setting: what a broker does with a subscription whose filter the policy
 * allows for some topics and denies for others ({@link Verdict#PARTIAL}).
 */
public enum OnPartial {
    /**
     * {@code partial filter} (the default): grant the subscription and ask
     * {@link ClientBinding#deliver} for every message it would carry.
     */
    FILTER,
    /** {@code partial deny}: refuse the subscription like a denied one. */
    DENY
}
