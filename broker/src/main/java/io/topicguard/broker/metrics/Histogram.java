package io.topicguard.broker.metrics;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency distribution in seconds with fixed upper bounds, rendered as Prometheus cumulative
 * {@code _bucket{le="..."}} lines plus {@code _sum} and {@code _count}. Thread-safe, lock-free.
 */
public final class Histogram implements Metric {

    private static final List<String> LE = List.of("le");

    private final String name;
    private final String help;
    private final double[] bounds;
    // Observations arrive in nanoseconds, on every check: compared and summed as integers, no division.
    private final long[] boundNanos;
    private final LongAdder[] buckets;
    private final LongAdder sumNanos = new LongAdder();
    private final LongAdder count = new LongAdder();

    /** @param bounds upper bounds in seconds, ascending; a {@code +Inf} bucket is implied */
    Histogram(String name, String help, double... bounds) {
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) {
                throw new IllegalArgumentException(name + ": bucket bounds must ascend, got " + bounds[i - 1] + " then " + bounds[i]);
            }
        }
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        this.boundNanos = new long[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            // An integer count of nanoseconds exceeds b seconds exactly when it exceeds floor(b·1e9);
            // the epsilon absorbs the binary rounding of products such as 1e-7 · 1e9.
            boundNanos[i] = (long) Math.floor(bounds[i] * 1e9 + 1e-6);
        }
        this.buckets = new LongAdder[bounds.length + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** Records one observation given in nanoseconds. */
    public void observeNanos(long nanos) {
        int i = 0;
        while (i < boundNanos.length && nanos > boundNanos[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(nanos);
        count.increment();
    }

    /** Number of observations. */
    public long count() {
        return count.sum();
    }

    /** Sum of the observations, in seconds. */
    public double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }

    @Override
    public void writeTo(StringBuilder out) {
        PrometheusText.header(out, name, help, "histogram");
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += buckets[i].sum();
            PrometheusText.sample(out, name + "_bucket", LE, List.of(java.math.BigDecimal.valueOf(bounds[i]).stripTrailingZeros().toPlainString()), cumulative);
        }
        cumulative += buckets[bounds.length].sum();
        PrometheusText.sample(out, name + "_bucket", LE, List.of("+Inf"), cumulative);
        PrometheusText.sample(out, name + "_sum", List.of(), List.of(), sumSeconds());
        PrometheusText.sample(out, name + "_count", List.of(), List.of(), cumulative);
    }
}
