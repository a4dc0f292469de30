package io.topicguard.broker.metrics;

import io.prometheus.metrics.core.metrics.Histogram;

/** A Prometheus {@link Histogram} of durations in seconds, fed the {@link System#nanoTime()} differences the broker measures. */
public final class LatencyHistogram {

    private static final double NANOS_PER_SECOND = 1e9;

    private final Histogram histogram;

    LatencyHistogram(Histogram histogram) {
        this.histogram = histogram;
    }

    /** Records one observation given in nanoseconds. */
    public void observeNanos(long nanos) {
        // A division, not a multiplication by 1e-9: it rounds 100 ns to exactly the bound 1e-7, so
        // an observation on a bucket's bound lands in that bucket (le is inclusive).
        histogram.observe(nanos / NANOS_PER_SECOND);
    }

    /** Number of observations. */
    public long count() {
        return histogram.getCount();
    }
}
