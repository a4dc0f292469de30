package io.topicguard.engine.acltest;

import io.topicguard.dsl.acltest.Expectation;
import io.topicguard.dsl.acltest.PinnedLine;
import io.topicguard.engine.Decision;

/**
 * One expectation and the policy's answer to it.
 *
 * @param decision what the policy answered
 */
public record TestOutcome(Expectation expectation, Decision decision) {

    /** Whether the answer has the expected verdict and, when the expectation says them, the reason and deciding line. */
    public boolean passed() {
        return verdictMatches() && reasonMatches() && lineMatches();
    }

    private boolean verdictMatches() {
        return decision.verdict().name().equals(expectation.verdict().name());
    }

    private boolean reasonMatches() {
        return expectation.reason() == null || decision.reason().name().equals(expectation.reason().name());
    }

    private boolean lineMatches() {
        PinnedLine at = expectation.at();
        return at == null || (decision.source() != null && at.matches(decision.source().file(), decision.source().line()));
    }

    /**
     * The failure in the form of a diagnostic:
     * {@code policy.acltest:4:1: expected allow, got deny (default, policy.acl:9)}; what was expected
     * includes the reason and line when the expectation pins them.
     */
    public String describe() {
        StringBuilder expected = new StringBuilder(expectation.verdict().word());
        if (expectation.reason() != null) {
            expected.append(" because ").append(expectation.reason().word());
        }
        if (expectation.at() != null) {
            expected.append(" at ").append(expectation.at());
        }
        return expectation.position() + ": expected " + expected + ", got " + decision.verdict().word()
                + " (" + decision.reason().word() + (decision.source() == null ? "" : ", " + decision.sourceLine()) + ")";
    }
}
