package io.topicguard.cli;

import io.topicguard.broker.protocol.ProtocolLimits;

import java.time.Duration;
import java.util.function.Consumer;

/** Turns {@code serve}'s limit options into the broker's {@link ProtocolLimits}: what is not given keeps its default. */
final class ServeLimits {

    private ServeLimits() {
    }

    /** @throws IllegalArgumentException naming the limit whose value the broker refuses */
    static ProtocolLimits of(LimitOptions o) {
        ProtocolLimits.Builder b = ProtocolLimits.defaults().toBuilder();
        ifGiven(o.maxPacketSize, b::maximumPacketSize);
        ifGiven(o.maxQueuedMessages, b::maximumQueued);
        ifGiven(o.maxQueuedBytes, v -> b.maximumQueuedBytes(v));
        ifGiven(o.queueOverflow, v -> b.queueOverflow(v.equals("drop-oldest")
                ? ProtocolLimits.QueueOverflow.DROP_OLDEST : ProtocolLimits.QueueOverflow.DROP_NEWEST));
        ifGiven(o.maxRetainedMessages, b::maximumRetained);
        ifGiven(o.maxRetainedBytes, v -> b.maximumRetainedBytes(v));
        ifGiven(o.maxSubscriptions, b::maximumSubscriptions);
        ifGiven(o.maxTopicLength, b::maximumTopicLength);
        ifGiven(o.maxFilterLength, b::maximumFilterLength);
        ifGiven(o.maxSessions, b::maximumSessions);
        ifGiven(o.persistentSessionExpiry, b::maximumSessionExpiry);
        ifGiven(o.maxKeepalive, b::maximumKeepAlive);
        ifGiven(o.receiveMaximum, b::receiveMaximum);
        ifGiven(o.incompletePacketTimeout, v -> b.incompletePacketTimeout(Duration.ofSeconds(v)));
        return b.build();
    }

    private static <T> void ifGiven(T value, Consumer<T> set) {
        if (value != null) {
            set.accept(value);
        }
    }
}
