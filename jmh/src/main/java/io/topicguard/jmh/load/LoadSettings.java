package io.topicguard.jmh.load;

import java.time.Duration;

/**
 * How hard and how long each run drives a broker.
 *
 * @param pairs       publisher/subscriber pairs; publisher I publishes to {@code load/I/data}, its
 *                    subscriber subscribes to exactly that topic
 * @param window      messages a pair may have in flight end to end (published, not yet delivered):
 *                    the same closed loop for QoS 0 and 1, so no broker queue grows without bound
 * @param warmup      traffic before measuring (JIT, connection buffers)
 * @param measure     the measured window
 * @param maxMessages a cap on messages per run across all publishers, so a run stops by itself
 */
public record LoadSettings(int pairs, int window, Duration warmup, Duration measure, long maxMessages) {

    public LoadSettings {
        if (pairs < 1 || window < 1 || maxMessages < 1) {
            throw new IllegalArgumentException("pairs, window and maxMessages must be positive: " + pairs + ", "
                    + window + ", " + maxMessages);
        }
        if (measure.isZero() || measure.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("measure must be positive and warmup not negative: " + measure + ", " + warmup);
        }
    }
}
