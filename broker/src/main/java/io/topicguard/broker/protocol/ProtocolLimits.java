package io.topicguard.broker.protocol;

import java.time.Duration;

/**
 * The broker's limits, advertised to MQTT 5 clients in CONNACK where the protocol has a property
 * for them. Every resource a client can make the broker hold is bounded here; docs/broker.md lists
 * each with its default and the {@code serve} option that sets it. Build with
 * {@code ProtocolLimits.defaults().toBuilder()...build()}.
 *
 * @param maximumPacketSize        largest packet accepted, in bytes (MQTT 5 Maximum Packet Size); larger ones
 *                                 close the connection (MQTT 5: DISCONNECT 0x95)
 * @param topicAliasMaximum        client-to-server topic aliases accepted per connection (MQTT 5)
 * @param maximumInflight          QoS 1/2 messages sent to one client and not yet acknowledged; the MQTT 5
 *                                 client's Receive Maximum lowers it further
 * @param maximumQueued            QoS 1/2 messages kept for one client while it is away or busy
 * @param connectTimeout           how long a new connection may take to complete CONNECT
 * @param incompletePacketTimeout  how long a packet may take to arrive whole once its first byte came
 * @param maximumQueuedBytes       payload and topic bytes kept for one client while it is away or busy
 * @param queueOverflow            which message goes when a session's queue is full
 * @param maximumTopicLength       longest topic name accepted in PUBLISH or a will, in characters
 * @param maximumFilterLength      longest topic filter accepted in SUBSCRIBE, in characters
 * @param maximumSubscriptions     subscriptions one session may hold
 * @param maximumSessions          sessions (connected or away) the broker holds
 * @param maximumSessionExpiry     longest a session outlives its connection, in seconds: an MQTT 3.1.1
 *                                 persistent session (which asks for forever) and an MQTT 5 session asking
 *                                 for more are kept this long; 0xFFFFFFFF for no limit
 * @param maximumRetained          topics holding a retained message
 * @param maximumRetainedBytes     payload and topic bytes of all retained messages
 * @param maximumKeepAlive         longest keep-alive accepted, in seconds (MQTT 5 Server Keep Alive); 0 for no limit
 * @param receiveMaximum           QoS 1/2 PUBLISHes one MQTT 5 client may have sent and not yet had acknowledged (MQTT 5
 *                                 Receive Maximum of the server); one more ends the connection with DISCONNECT 0x93
 */
public record ProtocolLimits(int maximumPacketSize, int topicAliasMaximum, int maximumInflight, int maximumQueued, Duration connectTimeout,
                             Duration incompletePacketTimeout, long maximumQueuedBytes, QueueOverflow queueOverflow, int maximumTopicLength,
                             int maximumFilterLength, int maximumSubscriptions, int maximumSessions, long maximumSessionExpiry,
                             int maximumRetained, long maximumRetainedBytes, int maximumKeepAlive, int receiveMaximum) {

    /** Which message a full session queue gives up (docs/broker.md, Limits). */
    public enum QueueOverflow {
        /** The new message is dropped; what is queued keeps its order. The default: what the client will read first survives. */
        DROP_NEWEST,
        /** The oldest queued message is dropped to make room: the client gets the latest state. */
        DROP_OLDEST
    }

    public static ProtocolLimits defaults() {
        return new ProtocolLimits(1024 * 1024, 64, 100, 10_000, Duration.ofSeconds(10), Duration.ofSeconds(60), 16L << 20,
                QueueOverflow.DROP_NEWEST, 1024, 1024, 1_000, 100_000, 7L * 24 * 3600, 100_000, 256L << 20, 0, 100);
    }

    public ProtocolLimits {
        if (maximumPacketSize < 64) {
            throw new IllegalArgumentException("maximumPacketSize must be at least 64 bytes, got " + maximumPacketSize);
        }
        if (topicAliasMaximum < 0 || topicAliasMaximum > 0xFFFF) {
            throw new IllegalArgumentException("topicAliasMaximum must be 0..65535, got " + topicAliasMaximum);
        }
        if (receiveMaximum < 1 || receiveMaximum > 0xFFFF) {
            throw new IllegalArgumentException("receiveMaximum must be 1..65535, got " + receiveMaximum);
        }
        if (maximumInflight < 1 || maximumInflight > 0xFFFF) {
            throw new IllegalArgumentException("maximumInflight must be 1..65535, got " + maximumInflight);
        }
        positive("connectTimeout", connectTimeout);
        positive("incompletePacketTimeout", incompletePacketTimeout);
        notNegative("maximumQueued", maximumQueued);
        notNegative("maximumQueuedBytes", maximumQueuedBytes);
        notNegative("maximumSubscriptions", maximumSubscriptions);
        notNegative("maximumRetained", maximumRetained);
        notNegative("maximumRetainedBytes", maximumRetainedBytes);
        if (maximumTopicLength < 1 || maximumTopicLength > 0xFFFF || maximumFilterLength < 1 || maximumFilterLength > 0xFFFF) {
            throw new IllegalArgumentException("maximum topic and filter lengths must be 1..65535, got " + maximumTopicLength + " and "
                    + maximumFilterLength);
        }
        if (maximumSessions < 1) {
            throw new IllegalArgumentException("maximumSessions must be at least 1, got " + maximumSessions);
        }
        if (maximumSessionExpiry < 0 || maximumSessionExpiry > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("maximumSessionExpiry must be 0..4294967295 seconds, got " + maximumSessionExpiry);
        }
        if (maximumKeepAlive < 0 || maximumKeepAlive > 0xFFFF) {
            throw new IllegalArgumentException("maximumKeepAlive must be 0..65535 seconds, got " + maximumKeepAlive);
        }
        if (queueOverflow == null) {
            throw new IllegalArgumentException("queueOverflow must be set");
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    private static void notNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    public ProtocolLimits withConnectTimeout(Duration timeout) {
        return toBuilder().connectTimeout(timeout).build();
    }

    public ProtocolLimits withMaximumPacketSize(int bytes) {
        return toBuilder().maximumPacketSize(bytes).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some limits, keeps the others; {@link #build()} checks them all. */
    public static final class Builder {
        private int maximumPacketSize;
        private int topicAliasMaximum;
        private int maximumInflight;
        private int maximumQueued;
        private Duration connectTimeout;
        private Duration incompletePacketTimeout;
        private long maximumQueuedBytes;
        private QueueOverflow queueOverflow;
        private int maximumTopicLength;
        private int maximumFilterLength;
        private int maximumSubscriptions;
        private int maximumSessions;
        private long maximumSessionExpiry;
        private int maximumRetained;
        private long maximumRetainedBytes;
        private int maximumKeepAlive;
        private int receiveMaximum;

        private Builder(ProtocolLimits l) {
            maximumPacketSize = l.maximumPacketSize;
            topicAliasMaximum = l.topicAliasMaximum;
            maximumInflight = l.maximumInflight;
            maximumQueued = l.maximumQueued;
            connectTimeout = l.connectTimeout;
            incompletePacketTimeout = l.incompletePacketTimeout;
            maximumQueuedBytes = l.maximumQueuedBytes;
            queueOverflow = l.queueOverflow;
            maximumTopicLength = l.maximumTopicLength;
            maximumFilterLength = l.maximumFilterLength;
            maximumSubscriptions = l.maximumSubscriptions;
            maximumSessions = l.maximumSessions;
            maximumSessionExpiry = l.maximumSessionExpiry;
            maximumRetained = l.maximumRetained;
            maximumRetainedBytes = l.maximumRetainedBytes;
            maximumKeepAlive = l.maximumKeepAlive;
            receiveMaximum = l.receiveMaximum;
        }

        public Builder maximumPacketSize(int v) { maximumPacketSize = v; return this; }
        public Builder topicAliasMaximum(int v) { topicAliasMaximum = v; return this; }
        public Builder maximumInflight(int v) { maximumInflight = v; return this; }
        public Builder maximumQueued(int v) { maximumQueued = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder incompletePacketTimeout(Duration v) { incompletePacketTimeout = v; return this; }
        public Builder maximumQueuedBytes(long v) { maximumQueuedBytes = v; return this; }
        public Builder queueOverflow(QueueOverflow v) { queueOverflow = v; return this; }
        public Builder maximumTopicLength(int v) { maximumTopicLength = v; return this; }
        public Builder maximumFilterLength(int v) { maximumFilterLength = v; return this; }
        public Builder maximumSubscriptions(int v) { maximumSubscriptions = v; return this; }
        public Builder maximumSessions(int v) { maximumSessions = v; return this; }
        public Builder maximumSessionExpiry(long v) { maximumSessionExpiry = v; return this; }
        public Builder maximumRetained(int v) { maximumRetained = v; return this; }
        public Builder maximumRetainedBytes(long v) { maximumRetainedBytes = v; return this; }
        public Builder maximumKeepAlive(int v) { maximumKeepAlive = v; return this; }
        public Builder receiveMaximum(int v) { receiveMaximum = v; return this; }

        public ProtocolLimits build() {
            return new ProtocolLimits(maximumPacketSize, topicAliasMaximum, maximumInflight, maximumQueued, connectTimeout,
                    incompletePacketTimeout, maximumQueuedBytes, queueOverflow, maximumTopicLength, maximumFilterLength,
                    maximumSubscriptions, maximumSessions, maximumSessionExpiry, maximumRetained, maximumRetainedBytes, maximumKeepAlive, receiveMaximum);
        }
    }
}
