package io.topicguard.engine;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A {@code ban} or {@code superuser} statement as a binding keeps it: its place in file order,
 * its precomputed decision and, for a ban, when it ends (docs/semantics.md, Superusers and bans).
 *
 * @param until null for a superuser and for a ban without {@code until}
 */
record GuardedStatement(int ordinal, Decision decision, @Nullable Instant until) {

    /** Bans end at their {@code until} instant, exclusive; compared at connect time (docs/semantics.md, Superusers and bans). */
    boolean activeAt(Instant now) {
        return until == null || now.isBefore(until);
    }
}
