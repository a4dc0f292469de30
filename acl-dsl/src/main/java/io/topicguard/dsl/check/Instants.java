package io.topicguard.dsl.check;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The {@code until} of a ban: an ISO-8601 instant, an offset date-time, or a date (docs/language.md). */
public final class Instants {

    private Instants() {
    }

    /**
     * The instant {@code text} denotes, or null when it is not ISO-8601. A date means the start of
     * that day in UTC; a date-time needs a zone offset ({@code Z} or {@code +02:00}), because a
     * local time would mean different instants on different servers.
     */
    public static Instant parse(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
