package io.topicguard.engine;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * An answer with its explanation. Immutable; decisions of rules are shared, not allocated per check.
 *
 * @param source    the deciding statement's position, or null when nothing in the policy decided
 *                  (an invalid topic, an implicit default, an implicit {@code anonymous deny})
 * @param statement the deciding statement's text as written, or null with {@code source}
 */
public record Decision(Verdict verdict, Reason reason, @Nullable Source source, @Nullable String statement) {

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }

    public boolean denied() {
        return verdict == Verdict.DENY;
    }

    /**
     * This decision with verdict {@code PARTIAL} (docs/semantics.md, Subscribe: a partial
     * subscription names the rule or default that contains it).
     */
    public Decision partial() {
        return new Decision(Verdict.PARTIAL, reason, source, statement);
    }

    /** {@code file:line} of the deciding statement, or {@code "-"} when none decided. */
    public String sourceLine() {
        return source == null ? "-" : source.fileAndLine();
    }

    @Override
    public String toString() {
        return verdict.word() + " (" + reason.word() + (source == null ? "" : ", " + source.fileAndLine() + ": " + statement) + ")";
    }
}
