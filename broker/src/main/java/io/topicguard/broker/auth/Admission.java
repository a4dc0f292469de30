package io.topicguard.broker.auth;

import io.topicguard.auth.chain.Answer;
import io.topicguard.auth.chain.ChainResult;
import io.topicguard.engine.ClientRules;
import io.topicguard.engine.ClientRulesException;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Verdict;

import java.time.Instant;
import java.util.Objects;

/**
 * How a connection was let in by the authentication chain, kept with its binding for the life of
 * the connection (and across reloads, which re-bind with it): the authenticator that allowed it
 * ({@code password-file}, {@code jwt}, ...), whether that source made it a superuser, the rules it
 * carried (compiled once, evaluated where the policy says {@code client rules}), and when its
 * credentials stop holding. Immutable.
 *
 * @param authenticator the name of the admitting authenticator, or null when none did (an anonymous
 *                      client with no authenticator knowing it, or a broker with no chain)
 * @param superuser     the source said superuser: every publish and subscribe is allowed (bans still apply at CONNECT)
 * @param rules         the rules the source carried, compiled ({@link ClientRules#NONE} when none)
 * @param expiresAt     when the credentials expire (a token's {@code exp} plus the leeway), or null
 */
public record Admission(String authenticator, boolean superuser, ClientRules rules, Instant expiresAt) {

    /** No authenticator admitted the client (anonymous, or a broker without a chain). */
    public static final Admission NONE = new Admission(null, false, ClientRules.NONE, null);

    public Admission {
        Objects.requireNonNull(rules, "rules");
    }

    /** Admitted by {@code authenticator} without attributes. */
    public static Admission by(String authenticator) {
        return new Admission(authenticator, false, ClientRules.NONE, null);
    }

    /**
     * The admission of a chain walk that allowed the client, its carried rules compiled.
     *
     * @throws ClientRulesException naming the first carried rule that cannot be used: the
     *                              CONNECT is refused (never a half-applied set)
     */
    public static Admission of(ChainResult allowed) throws ClientRulesException {
        Answer.Allow allow = Objects.requireNonNull(allowed.allow(), "the chain did not allow the client");
        String authenticator = allowed.decidingStep().authenticator();
        ClientRules rules = allow.rules().isEmpty() ? ClientRules.NONE : ClientRules.of(authenticator, allow.rules());
        return new Admission(authenticator, allow.superuser(), rules, allow.expiresAt());
    }

    /** The decision a superuser admission gives every valid publish, subscribe and delivery. */
    Decision superuserDecision() {
        return new Decision(Verdict.ALLOW, Reason.SUPERUSER, null, "superuser (" + authenticator + ")");
    }
}
