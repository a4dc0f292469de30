package io.topicguard.broker.auth;

import io.topicguard.auth.chain.Answer;
import io.topicguard.auth.chain.ChainResult;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Verdict;

import java.time.Instant;
import java.util.Objects;

/**
 * How a connection was let in by the authentication chain, kept with its binding for the life of
 * the connection (and across reloads, which re-bind with it): the authenticator that allowed it
 * ({@code password-file}, {@code jwt}, ...), whether that source made it a superuser, and when its
 * credentials stop holding. Immutable.
 *
 * @param authenticator the name of the admitting authenticator, or null when none did (an anonymous
 *                      client with no authenticator knowing it, or a broker with no chain)
 * @param superuser     the source said superuser: every publish and subscribe is allowed (bans still apply at CONNECT)
 * @param expiresAt     when the credentials expire (a token's {@code exp} plus the leeway), or null
 */
public record Admission(String authenticator, boolean superuser, Instant expiresAt) {

    /** No authenticator admitted the client (anonymous, or a broker without a chain). */
    public static final Admission NONE = new Admission(null, false, null);

    /** The admission of a chain walk that allowed the client. */
    public static Admission of(ChainResult allowed) {
        Answer.Allow allow = Objects.requireNonNull(allowed.allow(), "the chain did not allow the client");
        return new Admission(allowed.decidingStep().authenticator(), allow.superuser(), allow.expiresAt());
    }

    /** The decision a superuser admission gives every valid publish, subscribe and delivery. */
    Decision superuserDecision() {
        return new Decision(Verdict.ALLOW, Reason.SUPERUSER, null, "superuser (" + authenticator + ")");
    }
}
