package io.topicguard.auth.chain;

import java.time.Duration;
import java.util.Objects;

/** One authenticator's answer in a walk of the chain, and how long it took to give it. */
public record ChainStep(String authenticator, Answer answer, Duration latency) {
    public ChainStep {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(latency, "latency");
    }

    /** {@code jwt: deny (expired 2026-12-01T10:00:00Z)}. */
    @Override
    public String toString() {
        return authenticator + ": " + answer.describe();
    }
}
