package io.topicguard.broker.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

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

    /** Records one observation given in nanoseconds, in the series of these label values. */
    public void observeNanos(long nanos, String... labelValues) {
        histogram.labelValues(labelValues).observe(nanos / NANOS_PER_SECOND);
    }

    /** Number of observations in the series of these label values (0 when there is none). */
    public long count(String... labelValues) {
        long count = 0;
        for (HistogramSnapshot.HistogramDataPointSnapshot point : histogram.collect().getDataPoints()) {
            Labels labels = point.getLabels();
            boolean same = labels.size() == labelValues.length;
            // One label per series here (the authenticator), so the sorted order is the declared one.
            for (int i = 0; same && i < labelValues.length; i++) {
                same = labels.getValue(i).equals(labelValues[i]);
            }
            if (same) {
                count += point.getCount();
            }
        }
        return count;
    }

    /** Number of observations. */
    public long count() {
        return histogram.getCount();
    }
}
