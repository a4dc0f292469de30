package io.topicguard.broker.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values read when the metrics are scraped (connected clients, subscriptions by classification,
 * the decision cache's own counts): computed from the owner's state rather than kept in step with
 * it, so they cannot drift. Rendered as {@code gauge}, or as {@code counter} for values that only grow.
 */
final class GaugeFamily implements Metric {

    private final String name;
    private final String help;
    private final String type;
    private final List<String> labelNames;
    private final Supplier<Map<List<String>, Double>> values;

    GaugeFamily(String name, String help, String type, List<String> labelNames, Supplier<Map<List<String>, Double>> values) {
        this.name = name;
        this.help = help;
        this.type = type;
        this.labelNames = labelNames;
        this.values = values;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void writeTo(StringBuilder out) {
        PrometheusText.header(out, name, help, type);
        values.get().forEach((labels, value) -> PrometheusText.sample(out, name, labelNames, labels, value));
    }
}
