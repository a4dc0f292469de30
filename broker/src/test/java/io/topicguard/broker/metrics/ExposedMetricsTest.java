package io.topicguard.broker.metrics;

import io.topicguard.auth.password.PasswordFileEditor;
import io.topicguard.broker.ops.OperationsOptions;
import io.topicguard.broker.testing.OperatedBroker;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The names, types, label names and histogram buckets a running broker serves on {@code /metrics}
 * are exactly those operators' dashboards and alerts use (docs/operations.md): renaming a metric,
 * a label or moving a bucket must fail here, not in someone's Grafana.
 */
class ExposedMetricsTest {

    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @TempDir
    Path dir;

    @Test
    void namesTypesLabelsAndBucketsAreThoseOperatorsScrape() throws Exception {
        Path policy = dir.resolve("policy.acl");
        Files.writeString(policy, "allow all to publish \"t/#\"\nallow all to subscribe \"t/#\"\n");
        Path passwd = dir.resolve("passwd");
        PasswordFileEditor.setPassword(passwd, "bob", "bob-pw".getBytes(StandardCharsets.UTF_8));
        OperationsOptions options = OperationsOptions.defaults().withAdminPort(0, "127.0.0.1").withDecisionCacheSize(1000)
                .withSysInterval(Duration.ZERO);
        String text;
        try (OperatedBroker ob = OperatedBroker.start(policy, passwd, options);
             V5Client bob = V5Client.connect(ob.port(), "bob", V5Client.login("bob", "bob-pw"))) {
            // Something in every labelled family: a labelled counter without a series is not written at all.
            assertThat(bob.subscribe("t/#", 0)).isZero();
            assertThat(bob.publish("t/x", "m", 1, false)).isZero();
            Files.writeString(policy, "allow all to publish \"t/#\"\n");
            ob.broker.reload();
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ob.ops.adminPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            text = r.body();
        }
        PrometheusTextTest.assertParses(text);

        assertThat(types(text)).containsExactly(
                entry("topicguard_authentications_total", "counter"),
                entry("topicguard_authenticator_answers_total", "counter"),
                entry("topicguard_authenticator_duration_seconds", "histogram"),
                entry("topicguard_check_duration_seconds", "histogram"),
                entry("topicguard_connected_clients", "gauge"),
                entry("topicguard_decision_cache_hits_total", "counter"),
                entry("topicguard_decision_cache_misses_total", "counter"),
                entry("topicguard_decisions_total", "counter"),
                entry("topicguard_limit_reached_total", "counter"),
                entry("topicguard_password_verification_duration_seconds", "histogram"),
                entry("topicguard_policy_rules", "gauge"),
                entry("topicguard_queue_dropped_total", "counter"),
                entry("topicguard_reloads_total", "counter"),
                entry("topicguard_sessions", "gauge"),
                entry("topicguard_subscriptions", "gauge"));

        assertThat(labelNames(text)).containsExactly(
                entry("topicguard_authentications_total", List.of("outcome")),
                entry("topicguard_authenticator_answers_total", List.of("answer", "authenticator")),
                entry("topicguard_authenticator_duration_seconds_bucket", List.of("authenticator", "le")),
                entry("topicguard_authenticator_duration_seconds_count", List.of("authenticator")),
                entry("topicguard_authenticator_duration_seconds_sum", List.of("authenticator")),
                entry("topicguard_check_duration_seconds_bucket", List.of("le")),
                entry("topicguard_check_duration_seconds_count", List.of()),
                entry("topicguard_check_duration_seconds_sum", List.of()),
                entry("topicguard_connected_clients", List.of()),
                entry("topicguard_decision_cache_hits_total", List.of()),
                entry("topicguard_decision_cache_misses_total", List.of()),
                entry("topicguard_decisions_total", List.of("action", "reason", "verdict")),
                entry("topicguard_limit_reached_total", List.of("limit")),
                entry("topicguard_password_verification_duration_seconds_bucket", List.of("le")),
                entry("topicguard_password_verification_duration_seconds_count", List.of()),
                entry("topicguard_password_verification_duration_seconds_sum", List.of()),
                entry("topicguard_policy_rules", List.of()),
                entry("topicguard_queue_dropped_total", List.of("reason")),
                entry("topicguard_reloads_total", List.of("result")),
                entry("topicguard_sessions", List.of()),
                entry("topicguard_subscriptions", List.of("classification")));

        // 100 ns .. 10 ms and 1 ms .. 5 s, as the Java client writes a double.
        assertThat(bounds(text, "topicguard_check_duration_seconds")).containsExactly(
                "1.0E-7", "2.5E-7", "5.0E-7", "1.0E-6", "2.5E-6", "1.0E-5", "1.0E-4", "0.001", "0.01", "+Inf");
        assertThat(bounds(text, "topicguard_authenticator_duration_seconds")).containsExactly(
                "1.0E-4", "0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "+Inf");
        assertThat(bounds(text, "topicguard_password_verification_duration_seconds")).containsExactly(
                "0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "+Inf");
    }

    /** Family name to type, from the TYPE lines. */
    private static Map<String, String> types(String text) {
        Map<String, String> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher m = TYPE.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }

    /** Sample name to the label names its samples carry (every sample of a name must carry the same). */
    private static Map<String, List<String>> labelNames(String text) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = PrometheusTextTest.SAMPLE.matcher(line);
            if (!sample.matches()) {
                continue;
            }
            List<String> names = new ArrayList<>(labels(sample.group(2)).keySet());
            List<String> before = out.putIfAbsent(sample.group(1), names);
            assertThat(before == null ? names : before).as(line).isEqualTo(names);
        }
        return out;
    }

    /** The {@code le} values of a histogram's buckets, in the order written. */
    private static List<String> bounds(String text, String histogram) {
        return PrometheusTextTest.samples(text, histogram + "_bucket").stream()
                .map(line -> labels(line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1)).get("le"))
                .toList();
    }

    private static Map<String, String> labels(String braces) {
        Map<String, String> out = new LinkedHashMap<>();
        if (braces != null) {
            Matcher m = LABEL.matcher(braces);
            while (m.find()) {
                out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }
}
