package io.topicguard.auth.chain;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
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
 *   <li>{@link Outcome#BUSY}: the chain's queue was full, or the client's address or username
 *       was over its {@link LoginLimits}, and nothing was asked: refuse with
 *       "server busy".</li>
 * </ul>
 */
public record ChainResult(Outcome outcome, List<ChainStep> steps) {

    /** The name of the one step of a {@link Outcome#BUSY} result refused by {@link LoginLimits}: no authenticator was asked. */
    public static final String LIMITS = "login-limits";

    public enum Outcome { ALLOWED, DENIED, NO_ANSWER, BUSY }

    public ChainResult {
        Objects.requireNonNull(outcome, "outcome");
        steps = List.copyOf(steps);
    }

    /** Nothing was asked: the chain's queue was full. */
    static ChainResult busy() {
        return new ChainResult(Outcome.BUSY, List.of());
    }

    /** Nothing was asked: {@code cause} (the client's attempts are over their limit). */
    static ChainResult busy(String cause) {
        return new ChainResult(Outcome.BUSY, List.of(new ChainStep(LIMITS, Answer.ignore(cause), Duration.ZERO)));
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
            return steps.isEmpty() ? "busy (authentication queue full)" : "busy (" + ((Answer.Ignore) steps.get(0).answer()).cause() + ")";
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
