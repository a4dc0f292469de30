package io.topicguard.broker.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus {@link Counter} with labels, as the broker counts and reads it back (the $SYS
 * summary, tests): by label values in the order the family declared its labels. Thread-safe.
 */
public final class CounterFamily {

    private final Counter counter;
    private final List<String> labelNames;

    CounterFamily(Counter counter, String... labelNames) {
        this.counter = counter;
        this.labelNames = List.of(labelNames);
    }

    /** Adds one to the series with these label values. */
    public void increment(String... labelValues) {
        counter.labelValues(labelValues).inc();
    }

    /**
     * The counter of one series, created at zero if needed: a caller that counts the same series
     * on a hot path keeps it and skips the lookup.
     */
    CounterDataPoint series(String... labelValues) {
        return counter.labelValues(labelValues);
    }

    /** The current count of one series, 0 when it was never incremented (asking does not create it). */
    public long count(String... labelValues) {
        return snapshot().getOrDefault(List.of(labelValues), 0L);
    }

    /** Every series and its count. */
    public Map<List<String>, Long> snapshot() {
        Map<List<String>, Long> out = new LinkedHashMap<>();
        for (CounterDataPointSnapshot point : counter.collect().getDataPoints()) {
            out.put(valuesInDeclaredOrder(point.getLabels()), (long) point.getValue());
        }
        return out;
    }

    // The library keeps labels sorted by name; callers think in the order the family declared them.
    private List<String> valuesInDeclaredOrder(Labels labels) {
        List<String> values = new ArrayList<>(labelNames.size());
        for (String name : labelNames) {
            values.add(labels.get(name));
        }
        return values;
    }
}
