package io.topicguard.hivemq;

import io.topicguard.auth.log.LogText;
import io.topicguard.auth.log.LogThrottle;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Verdict;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One INFO line per denial in HiveMQ's log (hivemq.log), on the logger {@value #LOGGER_NAME}:
 * <pre>
 * deny publish reason=rule source=policy.acl:12 address=10.0.0.7 listener=tcp client="c1" username="alice" topic="a/b"
 * </pre>
 * Client-chosen values are quoted with control characters escaped (no forged log lines), each
 * line is cut at {@value #MAX_LINE} characters, and at most {@value #PER_SECOND} lines are
 * written per second: a client hammering a denied topic cannot flood the log. The next line
 * written after a quiet second says how many were left out. The mechanism (escaping, cutting,
 * the rate limit) is the shared {@code io.topicguard.auth.log}; the wording and numbers are the extension's.
 */
final class Denials {

    static final String LOGGER_NAME = "io.topicguard.hivemq.denials";
    static final int MAX_LINE = 256;
    static final int PER_SECOND = 50;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    /** Denials the rate limit held back since the last line written; that line says how many. */
    private final AtomicLong suppressed = new AtomicLong();
    private final LogThrottle lines;

    Denials() {
        this(System::nanoTime);
    }

    Denials(LongSupplier nanoTime) {
        this.lines = LogThrottle.overall(PER_SECOND, Duration.ofSeconds(1), nanoTime, (everyone, count) -> suppressed.addAndGet(count));
    }

    /** A policy denial: connect, publish (a will too), subscribe. */
    void denied(ClientInfo client, String action, @Nullable String topic, Decision decision) {
        if (LOG.isInfoEnabled() && admit()) {
            // A subscription refused under "partial deny" says so: the deciding line allowed part of it.
            String reason = decision.verdict() == Verdict.PARTIAL ? "partial-" + decision.reason().word() : decision.reason().word();
            write(line(client, action, topic, reason, decision.sourceLine()));
        }
    }

    /**
     * A CONNECT the authentication chain refused; {@code trace} is the chain's walk. The trace
     * quotes causes that may hold client-chosen text, so it is quoted and escaped like every
     * other client value: a line break in a username cannot forge a second log line.
     */
    void refused(ClientInfo client, String trace) {
        if (LOG.isInfoEnabled() && admit()) {
            write(cut(line(client, "connect", null, "password", "-") + " chain=" + LogText.quote(trace, MAX_LINE)));
        }
    }

    /** A delivery withheld by the delivery check: expected of a partial subscription, so DEBUG only. */
    void withheld(ClientInfo client, String topic, Decision decision) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(line(client, "deliver", topic, decision.reason().word(), decision.sourceLine()));
        }
    }

    private void write(String line) {
        long left = suppressed.getAndSet(0);
        LOG.info(left == 0 ? line : line + " (" + left + " denials not logged in the last second)");
    }

    private boolean admit() {
        return lines.allow();
    }

    /**
     * The line, with the deciding {@code file:line} before the values a client chooses, so a cut
     * at {@value #MAX_LINE} characters only ever shortens the topic or the names.
     */
    static String line(ClientInfo client, String action, @Nullable String topic, String reason, String source) {
        StringBuilder out = new StringBuilder(160).append("deny ").append(action);
        out.append(" reason=").append(reason).append(" source=").append(source);
        out.append(" address=").append(client.address() == null ? "-" : client.address().getHostAddress());
        out.append(" listener=").append(client.listener() == null ? "-" : client.listener());
        out.append(" client=");
        quoted(out, client.clientId());
        out.append(" username=");
        if (client.username() == null) {
            out.append('-');
        } else {
            quoted(out, client.username());
        }
        if (topic != null) {
            out.append(" topic=");
            quoted(out, topic);
        }
        return cut(out.toString());
    }

    private static String cut(String line) {
        return LogText.cut(line, MAX_LINE);
    }

    /** Appends {@code value} in double quotes; quotes, backslashes and every control or line-breaking character escaped. */
    private static void quoted(StringBuilder out, String value) {
        LogText.appendQuoted(out, value);
    }
}
