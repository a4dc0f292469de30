package io.topicguard.authz;

import io.topicguard.auth.log.LogThrottle;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One INFO line per denial, on the logger {@value #LOGGER_NAME}, with the deciding {@code file:line}:
 * <pre>
 * deny endpoint=/emqx/authz action=publish topic="a/b" clientid="c1" username="alice" address=10.0.0.7 decision=deny reason=rule source=policy.acl:12
 * </pre>
 * A service answers for a whole fleet, so a misbehaving fleet could write millions of these a
 * minute: at most {@code perInterval} lines are written per interval, and the denials beyond that
 * are counted and summarized in one line when the interval is over ({@link #flush()}, which the
 * server calls on a timer, and the next denial after the interval also does). The mechanism is
 * the shared {@link LogThrottle}; client-chosen values are written by {@link Values}.
 *
 * <p>Thread-safe.
 */
final class DenialLog {

    static final String LOGGER_NAME = "io.topicguard.authz.denials";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final LogThrottle lines;

    DenialLog(int perInterval, Duration interval, LongSupplier nanoTime) {
        if (perInterval < 1) {
            throw new IllegalArgumentException("perInterval must be at least 1, was " + perInterval);
        }
        long intervalMillis = interval.toMillis();
        this.lines = LogThrottle.overall(perInterval, interval, nanoTime, (everyone, count) ->
                LOG.info("{} more denials not logged in the last {} ms (at most {} lines per interval)", count, intervalMillis, perInterval));
    }

    /** 100 lines a second: enough to read one device's story, too few to fill a disk. */
    static DenialLog standard() {
        return new DenialLog(100, Duration.ofSeconds(1), System::nanoTime);
    }

    /** A policy denial: what was asked, by whom, and the statement that decided. */
    void denied(String endpoint, ClientInfo client, String action, @Nullable String topic, Decision decision) {
        if (LOG.isInfoEnabled() && admit()) {
            LOG.info(line(endpoint, client, action, topic, decision.verdict().word(), decision.reason().word(), decision.sourceLine()));
        }
    }

    /** A partial subscription refused because the host broker checks only the filter. */
    void partialRefused(String endpoint, ClientInfo client, String filter, Decision decision) {
        if (LOG.isInfoEnabled() && admit()) {
            LOG.info(line(endpoint, client, "subscribe", filter, "partial", decision.reason().word(), decision.sourceLine())
                    + " (this broker checks only the filter, so a partial subscription is denied)");
        }
    }

    /** The authentication chain refused the client: the whole walk, for the operator only. */
    void refused(String endpoint, ClientInfo client, String trace) {
        if (LOG.isInfoEnabled() && admit()) {
            LOG.info(line(endpoint, client, "connect", null, "deny", "password", "-") + " chain=" + Values.quote(trace));
        }
    }

    /** Writes the summary of the denials the last interval suppressed, if any, and starts a new interval. */
    void flush() {
        lines.flush();
    }

    private boolean admit() {
        return lines.allow();
    }

    static String line(String endpoint, ClientInfo client, String action, @Nullable String topic, String verdict,
                       String reason, String source) {
        StringBuilder out = new StringBuilder(180);
        out.append("deny endpoint=").append(endpoint).append(" action=").append(action);
        if (topic != null) {
            out.append(" topic=").append(Values.quote(topic));
        }
        out.append(" clientid=").append(Values.quote(client.clientId()));
        out.append(" username=").append(client.username() == null ? "-" : Values.quote(client.username()));
        out.append(" address=").append(client.address() == null ? "-" : client.address().getHostAddress());
        out.append(" decision=").append(verdict).append(" reason=").append(reason).append(" source=").append(source);
        return out.toString();
    }
}
