package io.topicguard.hivemq;

import io.topicguard.auth.chain.Answer;
import io.topicguard.auth.chain.ChainResult;
import io.topicguard.engine.ClientRules;
import io.topicguard.engine.ClientRulesException;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Verdict;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * What the authentication chain said about a client HiveMQ let in, applied as topicguard's broker
 * applies it (docs/authentication.md, docs/semantics.md, Client rules): the rules the admitting
 * source carried, compiled once and evaluated where the policy says {@code client rules}; whether
 * the source made the client a superuser; and when its credentials stop holding. Kept with the
 * client for the life of its connection, across reloads. Immutable.
 *
 * @param authenticator the admitting authenticator ({@code jwt}, {@code http}, ...), or null when none did (an anonymous client)
 * @param superuser     the source said superuser: every valid publish, subscribe and delivery is allowed (bans still apply)
 * @param rules         the carried rules, compiled ({@link ClientRules#NONE} when none)
 * @param expiresAt     when the credentials expire (a token's {@code exp} plus the leeway), or null
 */
record Admitted(@Nullable String authenticator, boolean superuser, ClientRules rules, @Nullable Instant expiresAt) {

    /** No authenticator admitted the client: an anonymous client the policy lets in. */
    static final Admitted NONE = new Admitted(null, false, ClientRules.NONE, null);

    Admitted {
        Objects.requireNonNull(rules, "rules");
    }

    /**
     * The admission of a chain walk that allowed the client.
     *
     * @throws ClientRulesException naming the first carried rule that cannot be used: the CONNECT
     *                              is refused, never admitted with half of its rules
     */
    static Admitted of(ChainResult allowed) throws ClientRulesException {
        Answer.Allow allow = Objects.requireNonNull(allowed.allow(), "the chain did not allow the client");
        String authenticator = Objects.requireNonNull(allowed.decidingStep()).authenticator();
        ClientRules rules = allow.rules().isEmpty() ? ClientRules.NONE : ClientRules.of(authenticator, allow.rules());
        return new Admitted(authenticator, allow.superuser(), rules, allow.expiresAt());
    }

    /** The decision a superuser admission gives every valid publish, subscribe and delivery, or null when it makes none. */
    @Nullable Decision superuserDecision() {
        return superuser ? new Decision(Verdict.ALLOW, Reason.SUPERUSER, null, "superuser (" + authenticator + ")") : null;
    }
}
