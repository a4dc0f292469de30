package io.topicguard.broker.routing;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

/**
 * MQTT 5 Message Expiry (MQTT 5.0 §3.3.2.3.3): a message published with an expiry interval is
 * deleted by the server once the interval has passed without onward delivery starting, and goes
 * out with the interval that remains. A message carries its deadline as an instant of the wall
 * clock (milliseconds since the epoch), not as a countdown, so that a deadline written to disk
 * still means the same moment after a restart.
 */
public final class MessageExpiry {

    /** The deadline of a message that never expires. */
    public static final long NEVER = 0;

    private MessageExpiry() {
    }

    /** The deadline of a message received at {@code nowMillis} with {@code properties}, or {@link #NEVER}. */
    public static long deadline(MqttProperties properties, long nowMillis) {
        MqttProperties.MqttProperty<?> p = properties == null ? null : properties.getProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value());
        if (p == null) {
            return NEVER;
        }
        // An unsigned four-byte integer on the wire; Netty hands it over as a signed int.
        return nowMillis + Integer.toUnsignedLong((Integer) p.value()) * 1000;
    }

    /** Whether a message with {@code deadline} has expired at {@code nowMillis}. */
    public static boolean expired(long deadline, long nowMillis) {
        return deadline != NEVER && nowMillis >= deadline;
    }

    /**
     * The Message Expiry Interval to forward at {@code nowMillis}, in whole seconds rounded up so
     * that a message still alive is never sent with 0 (which would tell the receiver it has already
     * expired); at least 1.
     */
    public static int remainingSeconds(long deadline, long nowMillis) {
        long seconds = Math.max(1, (deadline - nowMillis + 999) / 1000);
        return (int) Math.min(seconds, 0xFFFF_FFFFL);
    }
}
