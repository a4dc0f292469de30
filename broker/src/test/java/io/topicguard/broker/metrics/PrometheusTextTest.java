package io.topicguard.broker.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rendered text follows the Prometheus exposition format 0.0.4, line by line. */
class PrometheusTextTest {

    private static final Pattern HELP = Pattern.compile("# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"(?:,[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\")*})? "
                    + "(-?[0-9]+(?:\\.[0-9]+)?(?:E-?[0-9]+)?|NaN|[+-]Inf)");

    /** Asserts every line is a HELP, a TYPE or a sample of the family the last TYPE announced. */
    static void assertParses(String text) {
        assertThat(text).endsWith("\n");
        String family = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                assertThat(line).matches(HELP);
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                family = type.group(1);
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("not a sample line: %s", line).isTrue();
            assertThat(sample.group(1)).as("sample outside its family: %s", line).startsWith(family);
        }
    }

    @Test
    void everyMetricOfAFreshRegistryParses() {
        BrokerMetrics metrics = new BrokerMetrics();
        metrics.decisions().increment("publish", "deny", "rule");
        metrics.authentications().increment("bad_password");
        metrics.checkLatency().observeNanos(300);
        metrics.passwordLatency().observeNanos(40_000_000);
        metrics.reloads().increment("failure");
        metrics.gauge("topicguard_connected_clients", "Clients.", () -> 3);
        metrics.gauge("topicguard_subscriptions", "Subs.", List.of("classification"), () -> Map.of(List.of("allow"), 2.0));
        metrics.counter("topicguard_decision_cache_hits_total", "Hits.", () -> 7L);

        String text = metrics.render();

        assertParses(text);
        assertThat(text).contains("topicguard_decisions_total{action=\"publish\",verdict=\"deny\",reason=\"rule\"} 1\n")
                .contains("# TYPE topicguard_decision_cache_hits_total counter\n")
                .contains("topicguard_connected_clients 3\n");
    }

    @Test
    void histogramBucketsAreCumulativeWithInfCountAndSum() {
        Histogram h = new Histogram("h_seconds", "help", 0.001, 0.01);
        h.observeNanos(500_000);     // 0.0005 s
        h.observeNanos(5_000_000);   // 0.005 s
        h.observeNanos(50_000_000);  // 0.05 s
        StringBuilder out = new StringBuilder();

        h.writeTo(out);

        assertParses(out.toString());
        assertThat(out.toString()).contains("h_seconds_bucket{le=\"0.001\"} 1\n", "h_seconds_bucket{le=\"0.01\"} 2\n",
                "h_seconds_bucket{le=\"+Inf\"} 3\n", "h_seconds_count 3\n", "h_seconds_sum 0.0555\n");
    }

    @Test
    void labelValuesAreEscaped() {
        CounterFamily c = new CounterFamily("c_total", "help", "v");
        c.increment("a\"b\\c\nd");
        StringBuilder out = new StringBuilder();

        c.writeTo(out);

        assertParses(out.toString());
        assertThat(out.toString()).contains("c_total{v=\"a\\\"b\\\\c\\nd\"} 1\n");
    }

    @Test
    void aWrongNumberOfLabelValuesIsRefusedWithTheFamilysName() {
        CounterFamily c = new CounterFamily("c_total", "help", "a", "b");
        assertThatThrownBy(() -> c.increment("x")).hasMessage("c_total takes labels [a, b], got 1 values");
    }

    @Test
    void histogramBoundsMustAscend() {
        assertThatThrownBy(() -> new Histogram("h", "help", 0.1, 0.01)).hasMessageContaining("must ascend");
    }
}
