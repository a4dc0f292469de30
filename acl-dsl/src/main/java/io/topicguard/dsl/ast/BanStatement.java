package io.topicguard.dsl.ast;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code ban WHO [until "..."] [reason "..."]}.
 *
 * @param until  the instant the ban ends; a date {@code "2027-01-01"} means the start of that day,
 *               UTC. Empty: the ban never ends.
 * @param reason free text for logs and explanations
 */
public record BanStatement(Who who, Optional<Instant> until, Optional<String> reason,
                           SourcePosition position, String text) implements Statement {

    /** Whether the ban is in force at {@code now}: bans end at their {@code until} instant, exclusive. */
    public boolean activeAt(Instant now) {
        return until.isEmpty() || now.isBefore(until.get());
    }
}
