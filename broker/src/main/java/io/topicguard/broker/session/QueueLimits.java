package io.topicguard.broker.session;

import io.topicguard.broker.log.LimitEvents;

/**
 * How much one session may hold for its client while it is away or busy, and which message goes
 * when that is full.
 *
 * @param messages   QoS 1/2 messages queued at most
 * @param bytes      topic and payload bytes queued at most ({@link #weight})
 * @param dropOldest make room by dropping the oldest queued message rather than refusing the new one
 * @param events     where drops are counted and logged
 */
public record QueueLimits(int messages, long bytes, boolean dropOldest, LimitEvents events) {

    /** What one message counts against {@link #bytes}: its topic (two bytes a character, as the JVM holds it) and payload. */
    static long weight(OutboundMessage m) {
        return m.topic().length() * 2L + m.payload().length;
    }
}
