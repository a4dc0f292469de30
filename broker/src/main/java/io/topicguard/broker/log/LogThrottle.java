package io.topicguard.broker.log;

import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;

/**
 * The broker's limits on the denial lines clients can cause (logger {@code io.topicguard.broker.denials}):
 * 10 lines per 10 s from one connection, 100 from one source address, 1,000 in all, and what is
 * held back summarized once the window ends, one line per source:
 * <pre>
 * suppressed 12,408 similar denials from 203.0.113.7 in the last 10 s
 * </pre>
 * The mechanism is the shared {@link io.topicguard.auth.log.LogThrottle}; this class holds the
 * broker's numbers. One per broker; thread-safe.
 */
public final class LogThrottle {

    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final io.topicguard.auth.log.LogThrottle lines;

    private LogThrottle(io.topicguard.auth.log.LogThrottle lines) {
        this.lines = lines;
    }

    /** The throttle for the denial lines. One per broker. */
    public static LogThrottle forDenials() {
        return new LogThrottle(new io.topicguard.auth.log.LogThrottle(10, 100, 1_000, WINDOW, System::nanoTime,
                io.topicguard.auth.log.LogThrottle.summaryLines(LoggerFactory.getLogger("io.topicguard.broker.denials"), "denials", WINDOW)));
    }

    /** See {@link io.topicguard.auth.log.LogThrottle#allow(String, InetAddress)}. */
    public boolean allow(String connection, InetAddress address) {
        return lines.allow(connection, address);
    }

    /** Writes the summaries of windows that ended; the broker runs it once per {@link #window()}. */
    public void sweep() {
        lines.sweep();
    }

    /** The length of one window, for whoever schedules {@link #sweep()}. */
    public Duration window() {
        return lines.window();
    }
}
