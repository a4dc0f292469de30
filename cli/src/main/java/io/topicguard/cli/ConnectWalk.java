package io.topicguard.cli;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.ChainResult;
import io.topicguard.auth.chain.ChainStep;
import io.topicguard.auth.chain.ConnectCredentials;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code check --config FILE --connect}: a CONNECT decided as the broker decides it
 * (docs/authentication.md): the policy's ban and anonymous checks first, then the authentication
 * chain walked on the calling thread, first {@code allow} or {@code deny} deciding, and a client
 * no authenticator answered for admitted only when it is anonymous and the policy admits
 * anonymous clients.
 *
 * @param verdict     allow or deny
 * @param chain       the walk, or null when the policy refused the client before the chain was asked
 * @param policy      the policy's connect decision, or null when the chain refused the client
 */
record ConnectWalk(Verdict verdict, ChainResult chain, Decision policy) {

    /** Decides the CONNECT of {@code credentials} by {@code policyDecision} (the policy's connect decision for the same client) and {@code chain}. */
    static ConnectWalk decide(Decision policyDecision, AuthenticationChain chain, ConnectCredentials credentials) {
        if (policyDecision.verdict() == Verdict.DENY && (policyDecision.reason() == Reason.BANNED || policyDecision.reason() == Reason.ANONYMOUS)) {
            return new ConnectWalk(Verdict.DENY, null, policyDecision);
        }
        ChainResult walk = chain.authenticateNow(credentials);
        return switch (walk.outcome()) {
            case ALLOWED -> new ConnectWalk(policyDecision.verdict(), walk, policyDecision);
            case NO_ANSWER -> credentials.username() == null
                    ? new ConnectWalk(policyDecision.verdict(), walk, policyDecision)
                    : new ConnectWalk(Verdict.DENY, walk, null);
            case DENIED, BUSY -> new ConnectWalk(Verdict.DENY, walk, null);
        };
    }

    /** The lines {@code --explain} prints after the verdict: each step, what the chain concluded, then the policy's reason lines. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (chain == null) {
            lines.add("chain: not asked: the policy refuses this client before any authenticator");
            return lines;
        }
        int n = 1;
        for (ChainStep step : chain.steps()) {
            lines.add("step " + n++ + ": " + step + " in " + millis(step));
        }
        lines.add("chain: " + conclusion());
        return lines;
    }

    private String conclusion() {
        return switch (chain.outcome()) {
            case ALLOWED -> "allowed by " + chain.decidingStep().authenticator() + attributes();
            case DENIED -> "denied by " + chain.decidingStep().authenticator()
                    + ": the client is refused with \"bad username or password\" (MQTT 5: 0x86, MQTT 3.1.1: 4)";
            case NO_ANSWER -> chain.steps().isEmpty() && policy != null
                    ? "no authenticators: only anonymous clients are admitted, when the policy allows them"
                    : policy != null
                    ? "no authenticator knew the client; it is anonymous, so the policy's anonymous setting decides"
                    : "no authenticator knew the client: a client with a username is refused with \"bad username or password\""
                    + " (MQTT 5: 0x86, MQTT 3.1.1: 4)";
            case BUSY -> "busy: the authentication queue is full (MQTT 5: 0x89, MQTT 3.1.1: 3)";
        };
    }

    private String attributes() {
        var allow = chain.allow();
        List<String> parts = new ArrayList<>();
        if (allow.superuser()) {
            parts.add("superuser");
        }
        if (!allow.rules().isEmpty()) {
            parts.add(allow.rules().size() + (allow.rules().size() == 1 ? " carried rule" : " carried rules"));
        }
        if (allow.expiresAt() != null) {
            parts.add("credentials expire at " + allow.expiresAt());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String millis(ChainStep step) {
        return String.format(Locale.ROOT, "%.2f ms", step.latency().toNanos() / 1_000_000.0);
    }
}
