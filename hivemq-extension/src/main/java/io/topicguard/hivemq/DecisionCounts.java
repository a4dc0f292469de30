package io.topicguard.hivemq;

import io.topicguard.engine.Verdict;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What the extension decided, counted by action and verdict, as Prometheus text for the
 * {@code metrics:} endpoint: {@code topicguard_decisions_total{action="publish",verdict="deny"} 3},
 * the same family the bundled broker exposes. Counting is a lock-free add per decision.
 */
final class DecisionCounts {

    /** Per action, one counter per verdict (by ordinal): no allocation per decision once an action was seen. */
    private final Map<String, LongAdder[]> decisions = new ConcurrentHashMap<>();
    private final IntSupplier clients;

    /** @param clients the number of clients the extension knows of now, read at every scrape */
    DecisionCounts(IntSupplier clients) {
        this.clients = clients;
    }

    /** Counts one decision; {@code action} is connect, publish, will, subscribe or deliver. */
    void count(String action, Verdict verdict) {
        LongAdder[] counters = decisions.get(action);
        if (counters == null) {
            counters = decisions.computeIfAbsent(action, a -> {
                LongAdder[] created = new LongAdder[Verdict.values().length];
                Arrays.setAll(created, i -> new LongAdder());
                return created;
            });
        }
        counters[verdict.ordinal()].increment();
    }

    /** The Prometheus text exposition (version 0.0.4) of every count. */
    String prometheusText() {
        StringBuilder out = new StringBuilder(512);
        out.append("# HELP topicguard_decisions_total Policy decisions taken by the HiveMQ extension, by action and verdict.\n");
        out.append("# TYPE topicguard_decisions_total counter\n");
        new TreeMap<>(decisions).forEach((action, counters) -> {
            for (Verdict verdict : Verdict.values()) {
                long count = counters[verdict.ordinal()].sum();
                if (count > 0) {
                    out.append("topicguard_decisions_total{action=\"").append(action).append("\",verdict=\"").append(verdict.word())
                            .append("\"} ").append(count).append('\n');
                }
            }
        });
        out.append("# HELP topicguard_connected_clients Clients the extension admitted whose session it still tracks.\n");
        out.append("# TYPE topicguard_connected_clients gauge\n");
        out.append("topicguard_connected_clients ").append(clients.getAsInt()).append('\n');
        return out.toString();
    }
}
