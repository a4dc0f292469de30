package io.topicguard.broker.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What {@link BrokerMetrics#render()} writes follows the Prometheus exposition format 0.0.4, line by line. */
class PrometheusTextTest {

    private static final Pattern HELP = Pattern.compile("# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)");
    static final Pattern SAMPLE = Pattern.compile(
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

    /** The sample lines of {@code name} (exactly that name, e.g. {@code x_bucket}), in the order written. */
    static List<String> samples(String text, String name) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches() && sample.group(1).equals(name)) {
                out.add(line);
            }
        }
        return out;
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
        // The client writes labels sorted by name and every value as a double.
        assertThat(text).contains("topicguard_decisions_total{action=\"publish\",reason=\"rule\",verdict=\"deny\"} 1.0\n")
                .contains("# TYPE topicguard_decision_cache_hits_total counter\n")
                .contains("topicguard_decision_cache_hits_total 7.0\n")
                .contains("topicguard_subscriptions{classification=\"allow\"} 2.0\n")
                .contains("topicguard_connected_clients 3.0\n");
    }

    @Test
    void histogramBucketsAreCumulativeWithInfCountAndSum() {
        BrokerMetrics metrics = new BrokerMetrics();
        metrics.passwordLatency().observeNanos(500_000);     // 0.0005 s
        metrics.passwordLatency().observeNanos(5_000_000);   // 0.005 s: on a bound, which is inclusive
        metrics.passwordLatency().observeNanos(50_000_000);  // 0.05 s
        metrics.passwordLatency().observeNanos(9_000_000_000L); // 9 s: above every bound

        String text = metrics.render();

        assertParses(text);
        String name = "topicguard_password_verification_duration_seconds";
        assertThat(samples(text, name + "_bucket")).containsExactly(
                name + "_bucket{le=\"0.001\"} 1", name + "_bucket{le=\"0.005\"} 2", name + "_bucket{le=\"0.01\"} 2",
                name + "_bucket{le=\"0.025\"} 2", name + "_bucket{le=\"0.05\"} 3", name + "_bucket{le=\"0.1\"} 3",
                name + "_bucket{le=\"0.25\"} 3", name + "_bucket{le=\"0.5\"} 3", name + "_bucket{le=\"1.0\"} 3",
                name + "_bucket{le=\"2.5\"} 3", name + "_bucket{le=\"5.0\"} 3", name + "_bucket{le=\"+Inf\"} 4");
        assertThat(samples(text, name + "_count")).containsExactly(name + "_count 4");
        assertThat(samples(text, name + "_sum")).singleElement()
                .satisfies(line -> assertThat(Double.parseDouble(line.substring(line.indexOf(' ') + 1))).isCloseTo(9.0555, within(1e-9)));
        assertThat(metrics.passwordLatency().count()).isEqualTo(4);
    }

    @Test
    void anObservationOfExactlyABucketsBoundCountsInThatBucket() {
        BrokerMetrics metrics = new BrokerMetrics();
        metrics.checkLatency().observeNanos(100);  // 1e-7 s, the first bound; 100 * 1e-9 would round above it

        assertThat(samples(metrics.render(), "topicguard_check_duration_seconds_bucket"))
                .startsWith("topicguard_check_duration_seconds_bucket{le=\"1.0E-7\"} 1");
    }

    @Test
    void labelValuesAreEscaped() {
        BrokerMetrics metrics = new BrokerMetrics();
        metrics.authentications().increment("a\"b\\c\nd");

        String text = metrics.render();

        assertParses(text);
        assertThat(text).contains("topicguard_authentications_total{outcome=\"a\\\"b\\\\c\\nd\"} 1.0\n");
    }

    @Test
    void readingACountDoesNotCreateTheSeries() {
        BrokerMetrics metrics = new BrokerMetrics();
        metrics.authentications().increment("ok");

        assertThat(metrics.authentications().count("ok")).isEqualTo(1);
        assertThat(metrics.authentications().count("banned")).isZero();
        assertThat(metrics.render()).contains("outcome=\"ok\"").doesNotContain("banned");
    }

    @Test
    void twoBrokersInOneJvmCountApart() {
        BrokerMetrics one = new BrokerMetrics();
        BrokerMetrics two = new BrokerMetrics();
        one.reloads().increment("success");
        // The same name on both: refused if they shared a registry.
        one.gauge("topicguard_policy_rules", "Rules.", () -> 1);
        two.gauge("topicguard_policy_rules", "Rules.", () -> 2);

        assertThat(two.reloads().count("success")).isZero();
        assertThat(one.render()).contains("topicguard_reloads_total{result=\"success\"} 1.0\n", "topicguard_policy_rules 1.0\n");
        assertThat(two.render()).doesNotContain("topicguard_reloads_total{").contains("topicguard_policy_rules 2.0\n");
    }
}
