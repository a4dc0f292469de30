package io.topicguard.broker.protocol;

import java.time.Duration;

/**
 * The broker's limits, advertised to MQTT 5 clients in CONNACK where the protocol has a property
 * for them.
 *
 * @param maximumPacketSize  largest packet accepted, in bytes (MQTT 5 Maximum Packet Size); larger ones
 *                           close the connection (MQTT 5: DISCONNECT 0x95)
 * @param topicAliasMaximum  client-to-server topic aliases accepted per connection (MQTT 5)
 * @param maximumInflight    QoS 1/2 messages sent to one client and not yet acknowledged; the MQTT 5
 *                           client's Receive Maximum lowers it further
 * @param maximumQueued      QoS 1/2 messages kept for one client while it is away or busy
 * @param connectTimeout     how long a new connection may take to complete CONNECT
 */
public record ProtocolLimits(int maximumPacketSize, int topicAliasMaximum, int maximumInflight, int maximumQueued, Duration connectTimeout) {

    public static ProtocolLimits defaults() {
        return new ProtocolLimits(1024 * 1024, 64, 100, 10_000, Duration.ofSeconds(10));
    }

    public ProtocolLimits {
        if (maximumPacketSize < 64) {
            throw new IllegalArgumentException("maximumPacketSize must be at least 64 bytes, got " + maximumPacketSize);
        }
        if (topicAliasMaximum < 0 || topicAliasMaximum > 0xFFFF) {
            throw new IllegalArgumentException("topicAliasMaximum must be 0..65535, got " + topicAliasMaximum);
        }
        if (maximumInflight < 1 || maximumInflight > 0xFFFF) {
            throw new IllegalArgumentException("maximumInflight must be 1..65535, got " + maximumInflight);
        }
        if (maximumQueued < 0) {
            throw new IllegalArgumentException("maximumQueued must not be negative, got " + maximumQueued);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
    }

    public ProtocolLimits withConnectTimeout(Duration timeout) {
        return new ProtocolLimits(maximumPacketSize, topicAliasMaximum, maximumInflight, maximumQueued, timeout);
    }

    public ProtocolLimits withMaximumPacketSize(int bytes) {
        return new ProtocolLimits(bytes, topicAliasMaximum, maximumInflight, maximumQueued, connectTimeout);
    }
}
