package io.topicguard.auth.config;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * {@code limits:} — the broker's resource limits, one key per {@code serve} option; a key left
 * out (null here) keeps the broker's default. docs/broker.md (Limits) lists each with its default.
 *
 * @param queueOverflow {@code drop-newest} or {@code drop-oldest}
 * @param authQueue     logins that may wait for an authentication worker (the chain's queue)
 */
public record LimitsConfig(@Nullable Integer maxPacketSize, @Nullable Integer maxQueuedMessages, @Nullable Integer maxQueuedBytes,
                           @Nullable String queueOverflow, @Nullable Integer maxRetainedMessages, @Nullable Integer maxRetainedBytes,
                           @Nullable Integer maxSubscriptions, @Nullable Integer maxTopicLength, @Nullable Integer maxFilterLength,
                           @Nullable Integer maxSessions, @Nullable Duration persistentSessionExpiry, @Nullable Duration maxKeepalive,
                           @Nullable Duration incompletePacketTimeout, @Nullable Integer receiveMaximum,
                           @Nullable Integer authQueue) {

    /** The largest authentication queue accepted: each waiting login holds its credentials. */
    public static final int MAX_AUTH_QUEUE = 1_048_576;

    /** The keys of the section, as the file spells them. */
    static final List<String> KEYS = List.of("max-packet-size", "max-queued-messages", "max-queued-bytes", "queue-overflow",
            "max-retained-messages", "max-retained-bytes", "max-subscriptions", "max-topic-length", "max-filter-length", "max-sessions",
            "persistent-session-expiry", "max-keepalive", "incomplete-packet-timeout", "receive-maximum", "auth-queue");

    /** Reads the section; null when it is not a map (reported). */
    static @Nullable LimitsConfig read(YamlNode node, Values values) {
        Section s = Section.open(node, "limits", values, KEYS);
        if (s == null) {
            return null;
        }
        return new LimitsConfig(count(s, "max-packet-size", 64), count(s, "max-queued-messages", 0), count(s, "max-queued-bytes", 0),
                s.has("queue-overflow") ? values.choice(s.get("queue-overflow"), "queue-overflow", List.of("drop-newest", "drop-oldest")) : null,
                count(s, "max-retained-messages", 0), count(s, "max-retained-bytes", 0), count(s, "max-subscriptions", 0),
                count(s, "max-topic-length", 1), count(s, "max-filter-length", 1), count(s, "max-sessions", 1),
                time(s, "persistent-session-expiry"), time(s, "max-keepalive"), s.has("incomplete-packet-timeout")
                        ? values.duration(s.get("incomplete-packet-timeout"), "incomplete-packet-timeout", false) : null,
                s.has("receive-maximum") ? s.values().integer(s.get("receive-maximum"), "receive-maximum", 1, 65_535, "from 1 to 65535") : null,
                s.has("auth-queue") ? s.values().integer(s.get("auth-queue"), "auth-queue", 1, MAX_AUTH_QUEUE, "from 1 to " + MAX_AUTH_QUEUE) : null);
    }

    private static @Nullable Integer count(Section s, String key, int min) {
        return s.has(key) ? s.values().integer(s.get(key), key, min, Integer.MAX_VALUE, "from " + min + " to " + Integer.MAX_VALUE) : null;
    }

    private static @Nullable Duration time(Section s, String key) {
        return s.has(key) ? s.values().duration(s.get(key), key, true) : null;
    }
}
