package io.topicguard.cli;

import io.topicguard.auth.config.LimitsConfig;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The resource-limit options of {@code serve} (docs/broker.md, Limits), one per {@code limits:}
 * key of the configuration file. Null where not given: the broker's default holds. Names no
 * broker type, as {@link ServeCommand} must not ({@link ServeLimits} applies them).
 */
final class LimitOptions {

    @Option(names = "--max-packet-size", paramLabel = "BYTES", description = "Largest packet accepted (default 1048576).")
    Integer maxPacketSize;

    @Option(names = "--max-queued-messages", paramLabel = "N", description = "QoS 1/2 messages kept per session for an away or busy client (default 10000).")
    Integer maxQueuedMessages;

    @Option(names = "--max-queued-bytes", paramLabel = "BYTES", description = "Bytes kept per session for an away or busy client (default 16777216).")
    Integer maxQueuedBytes;

    @Option(names = "--queue-overflow", paramLabel = "drop-newest|drop-oldest",
            description = "Which message a full session queue gives up (default drop-newest).")
    String queueOverflow;

    @Option(names = "--max-retained-messages", paramLabel = "N", description = "Topics holding a retained message (default 100000).")
    Integer maxRetainedMessages;

    @Option(names = "--max-retained-bytes", paramLabel = "BYTES", description = "Bytes of all retained messages (default 268435456).")
    Integer maxRetainedBytes;

    @Option(names = "--max-subscriptions", paramLabel = "N", description = "Subscriptions one session may hold (default 1000).")
    Integer maxSubscriptions;

    @Option(names = "--max-topic-length", paramLabel = "CHARS", description = "Longest topic name accepted (default 1024).")
    Integer maxTopicLength;

    @Option(names = "--max-filter-length", paramLabel = "CHARS", description = "Longest topic filter accepted (default 1024).")
    Integer maxFilterLength;

    @Option(names = "--max-sessions", paramLabel = "N", description = "Sessions held, connected or away (default 100000).")
    Integer maxSessions;

    @Option(names = "--persistent-session-expiry", paramLabel = "SECONDS",
            description = "Longest a session outlives its connection, MQTT 3.1.1 persistent sessions included (default 604800, 7 days; "
                    + "4294967295: never).")
    Long persistentSessionExpiry;

    @Option(names = "--max-keepalive", paramLabel = "SECONDS", description = "Longest keep-alive accepted (default 0: no limit).")
    Integer maxKeepalive;

    @Option(names = "--receive-maximum", paramLabel = "N",
            description = "QoS 1/2 messages an MQTT 5 client may send unacknowledged; one more disconnects it (default 100).")
    Integer receiveMaximum;

    @Option(names = "--auth-queue", paramLabel = "N",
            description = "Logins that may wait for an authentication worker; one more is answered busy (default 16384).")
    Integer authQueue;

    @Option(names = "--incomplete-packet-timeout", paramLabel = "SECONDS",
            description = "How long a packet may take to arrive whole once it started (default 60).")
    Integer incompletePacketTimeout;

    /**
     * Takes each limit not given as an option from the configuration file's {@code limits:}
     * section (options win over keys, as for every serve option); {@code file} may be null.
     */
    LimitOptions orFrom(LimitsConfig file) {
        if (file == null) {
            return this;
        }
        maxPacketSize = maxPacketSize != null ? maxPacketSize : file.maxPacketSize();
        maxQueuedMessages = maxQueuedMessages != null ? maxQueuedMessages : file.maxQueuedMessages();
        maxQueuedBytes = maxQueuedBytes != null ? maxQueuedBytes : file.maxQueuedBytes();
        queueOverflow = queueOverflow != null ? queueOverflow : file.queueOverflow();
        maxRetainedMessages = maxRetainedMessages != null ? maxRetainedMessages : file.maxRetainedMessages();
        maxRetainedBytes = maxRetainedBytes != null ? maxRetainedBytes : file.maxRetainedBytes();
        maxSubscriptions = maxSubscriptions != null ? maxSubscriptions : file.maxSubscriptions();
        maxTopicLength = maxTopicLength != null ? maxTopicLength : file.maxTopicLength();
        maxFilterLength = maxFilterLength != null ? maxFilterLength : file.maxFilterLength();
        maxSessions = maxSessions != null ? maxSessions : file.maxSessions();
        persistentSessionExpiry = persistentSessionExpiry != null ? persistentSessionExpiry : seconds(file.persistentSessionExpiry());
        maxKeepalive = maxKeepalive != null ? maxKeepalive : toInt(seconds(file.maxKeepalive()));
        incompletePacketTimeout = incompletePacketTimeout != null ? incompletePacketTimeout : toInt(seconds(file.incompletePacketTimeout()));
        receiveMaximum = receiveMaximum != null ? receiveMaximum : file.receiveMaximum();
        authQueue = authQueue != null ? authQueue : file.authQueue();
        return this;
    }

    private static Long seconds(java.time.Duration d) {
        return d == null ? null : d.toSeconds();
    }

    private static Integer toInt(Long v) {
        return v == null ? null : (int) Math.min(Integer.MAX_VALUE, v);
    }

    /** The problem with the values given, or null: checked before anything starts, so a typo is a usage error. */
    String problem() {
        if (queueOverflow != null && !List.of("drop-newest", "drop-oldest").contains(queueOverflow)) {
            return "--queue-overflow takes drop-newest or drop-oldest, got '" + queueOverflow + "'";
        }
        String p = range("--max-packet-size", maxPacketSize, 64, Integer.MAX_VALUE);
        p = p != null ? p : range("--max-queued-messages", maxQueuedMessages, 0, Integer.MAX_VALUE);
        p = p != null ? p : range("--max-queued-bytes", maxQueuedBytes, 0, Integer.MAX_VALUE);
        p = p != null ? p : range("--max-retained-messages", maxRetainedMessages, 0, Integer.MAX_VALUE);
        p = p != null ? p : range("--max-retained-bytes", maxRetainedBytes, 0, Integer.MAX_VALUE);
        p = p != null ? p : range("--max-subscriptions", maxSubscriptions, 0, Integer.MAX_VALUE);
        p = p != null ? p : range("--max-topic-length", maxTopicLength, 1, 65_535);
        p = p != null ? p : range("--max-filter-length", maxFilterLength, 1, 65_535);
        p = p != null ? p : range("--max-sessions", maxSessions, 1, Integer.MAX_VALUE);
        p = p != null ? p : range("--persistent-session-expiry", persistentSessionExpiry, 0, 0xFFFF_FFFFL);
        p = p != null ? p : range("--max-keepalive", maxKeepalive, 0, 65_535);
        p = p != null ? p : range("--receive-maximum", receiveMaximum, 1, 65_535);
        p = p != null ? p : range("--auth-queue", authQueue, 1, LimitsConfig.MAX_AUTH_QUEUE);
        return p != null ? p : range("--incomplete-packet-timeout", incompletePacketTimeout, 1, Integer.MAX_VALUE);
    }

    private static String range(String option, Number value, long min, long max) {
        if (value == null || (value.longValue() >= min && value.longValue() <= max)) {
            return null;
        }
        return value.longValue() < min ? option + " must be at least " + min + ", got " + value : option + " must be at most " + max + ", got " + value;
    }
}
