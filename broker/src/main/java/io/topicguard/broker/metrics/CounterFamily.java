package io.topicguard.broker.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A monotonically increasing count per combination of label values, e.g.
 * {@code topicguard_decisions_total{action="publish",verdict="deny",reason="rule"}}.
 * Thread-safe; incrementing an existing series is one hash lookup and a {@link LongAdder} add.
 */
public final class CounterFamily implements Metric {

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

    CounterFamily(String name, String help, String... labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    @Override
    public String name() {
        return name;
    }

    /** Adds one to the series with these label values (in the order the family declared its labels). */
    public void increment(String... labelValues) {
        series(labelValues).increment();
    }

    /**
     * The counter of one series, created at zero if needed: a caller that counts the same series
     * on a hot path keeps it and skips the lookup. It is the same counter for the family's life.
     */
    public LongAdder series(String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got " + labelValues.length + " values");
        }
        return series.computeIfAbsent(List.of(labelValues), k -> new LongAdder());
    }

    /** The current count of one series, 0 when it was never incremented. */
    public long count(String... labelValues) {
        LongAdder adder = series.get(List.of(labelValues));
        return adder == null ? 0 : adder.sum();
    }

    /** The sum over every series. */
    public long total() {
        return series.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Every series and its count, sorted by label values (stable output). */
    public Map<List<String>, Long> snapshot() {
        Map<List<String>, Long> out = new ConcurrentSkipListMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        series.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void writeTo(StringBuilder out) {
        PrometheusText.header(out, name, help, "counter");
        snapshot().forEach((labels, count) -> PrometheusText.sample(out, name, labelNames, labels, count));
    }
}
