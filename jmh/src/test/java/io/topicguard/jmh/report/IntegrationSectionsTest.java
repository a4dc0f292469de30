package io.topicguard.jmh.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision service's and HiveMQ's sections, rendered from files shaped as their steps write them. */
class IntegrationSectionsTest {

    /** One JMH result as {@code -rf json} writes it (the fields the section reads). */
    private static String jmh(String method, String mode, int rules, String unit, double score, double p50, double p99) {
        return """
                {"benchmark": "io.topicguard.jmh.bench.AuthzServiceBenchmark.%s", "mode": "%s", "threads": 1,
                 "params": {"rules": "%d"},
                 "primaryMetric": {"score": %s, "scoreUnit": "%s", "scorePercentiles": {"50.0": %s, "99.0": %s}}}"""
                .formatted(method, mode, rules, score, unit, p50, p99);
    }

    @Test
    void theDecisionServiceRowsPairEachEndpointWithItsInProcessCheck(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve(AuthzServiceSection.FILE), "[" + String.join(",",
                jmh("emqxAuthz", "thrpt", 100000, "ops/us", 0.025, 0, 0),
                jmh("emqxAuthz", "sample", 100000, "us/op", 41, 38.5, 120),
                jmh("inProcessEmqx", "thrpt", 100000, "ops/us", 5.0, 0, 0),
                jmh("inProcessEmqx", "sample", 100000, "us/op", 0.2, 0.1, 0.4),
                jmh("mosquittoAcl", "thrpt", 1, "ops/us", 0.03, 0, 0)) + "]");

        String section = AuthzServiceSection.write(run);

        assertThat(section).contains("## The decision service over HTTP (issue 18)")
                .contains("| 100,000 | `/emqx/authz` | 25,000 | 38.5 | 120 | 5,000,000 | 0.100 | 0.400 | 200× |")
                .contains("| 1 | `/mosquitto/acl` | 30,000 | – | – | – | – | – | – |");
    }

    private static String hivemq(int largeRules, double allowAll, double one, double large) {
        return """
                {"settings": {"seconds": 10, "warmupSeconds": 3, "rounds": 1, "publishers": 4, "largeRules": %d},
                 "results": [{"configuration": "allow-all", "rules": 0, "rounds": [%s], "median": %s},
                             {"configuration": "topicguard, 1 rule", "rules": 1, "rounds": [%s], "median": %s},
                             {"configuration": "topicguard, many rules", "rules": %d, "rounds": [%s], "median": %s}]}"""
                .formatted(largeRules, allowAll, allowAll, one, one, largeRules, large, large);
    }

    @Test
    void theHiveMqTargetIsMetMissedOrNotJudged(@TempDir Path run) throws Exception {
        Path file = run.resolve(HiveMqSection.FILE);
        Files.writeString(file, hivemq(100_000, 50_000, 48_000, 46_000));
        assertThat(HiveMqSection.write(run)).contains("| topicguard, many rules | 100,000 | 46,000 | 92 % | 46,000 |")
                .contains("allow-all throughput: **met** (92 %).");

        Files.writeString(file, hivemq(100_000, 50_000, 48_000, 40_000));
        assertThat(HiveMqSection.write(run)).contains("**missed** (80 %).");

        Files.writeString(file, hivemq(1_000, 50_000, 48_000, 40_000));
        assertThat(HiveMqSection.write(run)).contains("**not judged** (this run did not measure 100,000 rules).");
    }

    @Test
    void aStepThatDidNotRunLeavesItsSectionNotMeasured(@TempDir Path run) throws Exception {
        assertThat(AuthzServiceSection.write(run)).endsWith("Not measured in this run.\n");
        assertThat(HiveMqSection.write(run)).endsWith("Not measured in this run.\n");
    }
}
