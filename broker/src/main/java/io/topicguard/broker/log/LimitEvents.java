package io.topicguard.broker.log;

import io.topicguard.auth.log.LogText;
import io.topicguard.auth.log.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every time a client runs into one of the broker's resource limits, and every queued message a
 * session lost: counted per limit and per drop reason (exposed as metrics and on {@code $SYS}),
 * and logged at WARN on {@value #LOGGER_NAME}, rate-limited per source address so that a client
 * pushing against a limit cannot flood the log. One per broker; thread-safe.
 */
public final class LimitEvents {

    public static final String LOGGER_NAME = "io.topicguard.broker.limits";

    /** The limits, by the label value metrics and {@code $SYS} use ({@link #label()}). */
    public enum Limit {
        QUEUED_MESSAGES, QUEUED_BYTES, RETAINED_MESSAGES, RETAINED_BYTES, SUBSCRIPTIONS, TOPIC_LENGTH, FILTER_LENGTH, SESSIONS,
        KEEP_ALIVE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a message queued for a session was dropped. */
    public enum Drop {
        /** The queue held its maximum number of messages. */
        QUEUE_MESSAGES_FULL,
        /** The queue held its maximum number of bytes. */
        QUEUE_BYTES_FULL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final Map<Limit, LongAdder> reached = new EnumMap<>(Limit.class);
    private final Map<Drop, LongAdder> dropped = new EnumMap<>(Drop.class);
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final LogThrottle lines = new LogThrottle(1, 10, 100, WINDOW, System::nanoTime,
            LogThrottle.summaryLines(LOG, "limit warnings", WINDOW));

    public LimitEvents() {
        for (Limit l : Limit.values()) {
            reached.put(l, new LongAdder());
        }
        for (Drop d : Drop.values()) {
            dropped.put(d, new LongAdder());
        }
    }

    /**
     * {@code who} (a client id or peer, written capped) ran into {@code limit}: counts it and logs
     * one WARN line, unless that source has had its share of lines in this window.
     */
    public void reached(Limit limit, String who, InetAddress address, String detail) {
        reached.get(limit).increment();
        if (lines.allow(limit.label() + " " + (address == null ? "-" : address.getHostAddress()), address)) {
            LOG.warn("limit reached: {} by {}{}: {}", limit.label(), LogText.quote(who),
                    address == null ? "" : " (" + address.getHostAddress() + ")", detail);
        }
    }

    /** A message queued for {@code clientId} was dropped for {@code why}; counted, and logged as the limit it hit. */
    public void dropped(Drop why, String clientId) {
        dropped.get(why).increment();
        reached(why == Drop.QUEUE_MESSAGES_FULL ? Limit.QUEUED_MESSAGES : Limit.QUEUED_BYTES, clientId, null,
                "a queued message was dropped");
    }

    public long reached(Limit limit) {
        return reached.get(limit).sum();
    }

    public long dropped(Drop why) {
        return dropped.get(why).sum();
    }

    /** Times each limit was reached, by label. */
    public Map<String, Long> reachedByLimit() {
        Map<String, Long> out = new LinkedHashMap<>();
        reached.forEach((k, v) -> out.put(k.label(), v.sum()));
        return out;
    }

    /** Queued messages dropped, by reason label. */
    public Map<String, Long> droppedByReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        dropped.forEach((k, v) -> out.put(k.label(), v.sum()));
        return out;
    }

    /** Writes the summaries of held-back lines; the broker calls it once per window. */
    public void sweep() {
        lines.sweep();
    }
}
