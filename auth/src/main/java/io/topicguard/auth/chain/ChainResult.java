package io.topicguard.auth.chain;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of walking the chain for one CONNECT, with every step taken.
 *
 * <ul>
 *   <li>{@link Outcome#ALLOWED}: the last step allowed; {@link #allow()} holds its attributes.</li>
 *   <li>{@link Outcome#DENIED}: the last step denied: refuse with "bad username or password".</li>
 *   <li>{@link Outcome#NO_ANSWER}: every authenticator ignored the client (or there are none): the
 *       caller admits the client only if it is anonymous and the policy allows anonymous clients.</li>
 *   <li>{@link Outcome#BUSY}: the chain's queue was full and nothing was asked: refuse with
 *       "server busy".</li>
 * </ul>
 */
public record ChainResult(Outcome outcome, List<ChainStep> steps) {

    public enum Outcome { ALLOWED, DENIED, NO_ANSWER, BUSY }

    public ChainResult {
        Objects.requireNonNull(outcome, "outcome");
        steps = List.copyOf(steps);
    }

    static ChainResult busy() {
        return new ChainResult(Outcome.BUSY, List.of());
    }

    /** The step that decided (allowed or denied), or null. */
    public @Nullable ChainStep decidingStep() {
        return outcome == Outcome.ALLOWED || outcome == Outcome.DENIED ? steps.get(steps.size() - 1) : null;
    }

    /** The deciding allow's attributes, or null when the client was not allowed. */
    public Answer.@Nullable Allow allow() {
        return outcome == Outcome.ALLOWED ? (Answer.Allow) steps.get(steps.size() - 1).answer() : null;
    }

    /**
     * The walk on one line, for the log:
     * {@code password-file: ignore (unknown user) → jwt: deny (expired 2026-12-01T10:00:00Z)}.
     */
    public String trace() {
        if (outcome == Outcome.BUSY) {
            return "busy (authentication queue full)";
        }
        if (steps.isEmpty()) {
            return "no authenticators";
        }
        return steps.stream().map(ChainStep::toString).collect(Collectors.joining(" → "));
    }

    @Override
    public String toString() {
        return outcome + ": " + trace();
    }
}
