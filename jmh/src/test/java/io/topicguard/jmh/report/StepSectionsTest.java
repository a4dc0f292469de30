package io.topicguard.jmh.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicguard.jmh.load.ConnectResult;
import io.topicguard.jmh.load.CpuUsage;
import io.topicguard.jmh.load.FanoutResult;
import io.topicguard.jmh.load.LoadResult;
import io.topicguard.jmh.load.MemoryResult;
import io.topicguard.jmh.load.PersistenceResult;
import io.topicguard.jmh.load.RestartResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each broker step's JSON, as its scenario writes it, rendered into its section with the goals judged. */
class StepSectionsTest {

    @TempDir
    Path run;

    private void write(String file, Map<String, String> settings, List<?> results) throws Exception {
        new ObjectMapper().writeValue(run.resolve(file).toFile(), Map.of("settings", settings, "results", results));
    }

    private static ConnectResult storm(String broker, String variant, int rules, double rate, int refused, int round) {
        return new ConnectResult(broker, variant, rules, "first", 10_000, 10_000 - refused, refused, 0, 1.0, rate, 900, 4_000,
                refused > 0 ? refused + " refused (CONNACK code: count {3=" + refused + "})" : null, round);
    }

    @Test
    void theConnectStormTakesTheMedianOfItsRoundsAndJudgesEachVariantAgainstMosquitto() throws Exception {
        write(ConnectSection.FILE, Map.of("clients", "10000", "window", "0", "source-addresses", "64"), List.of(
                storm("topicguard", "anonymous", 1, 30_000, 0, 1), storm("topicguard", "anonymous", 1, 10_000, 0, 2),
                storm("topicguard", "anonymous", 1, 20_000, 0, 3), storm("mosquitto", "anonymous", 1, 25_000, 0, 1),
                storm("topicguard", "password", 100_000, 9_000, 0, 1), storm("mosquitto", "password", 100_000, 1_000, 0, 1),
                storm("topicguard", "jwt", 1, 21_000, 5, 1), storm("topicguard", "anonymous", 100_000, 17_000, 0, 1)));

        String section = new ConnectSection().render(run);

        assertThat(section).startsWith("\n## Broker connect storm")
                .contains("| topicguard | anonymous | 1 | first | 10,000 | 0 | 0 | 20,000 | 0.900 | 4.00 | 0.800× |  |")
                .contains("| first storm at 1 rule, anonymous: topicguard ≥ mosquitto (conn/s) | 0.800× (20,000 vs 25,000 conn/s;")
                .contains("| first storm at 100,000 rules, password: topicguard ≥ 20× mosquitto (conn/s) | 9.00× ")
                .contains("| HS256 JWT at 1 rule ≥ 20,000 conn/s on 2 cores (issue 17) | 21,000 conn/s | **met** |")
                .contains("| no CONNECT refused or failed in any storm | 5 refused or failed | **missed** |")
                .contains("5 refused (CONNACK code: count {3=5})")
                // 17,000 at 100,000 rules against the median 20,000 at 1 rule: not flat enough.
                .contains("| first storm at 100,000 rules, anonymous: topicguard ≥ 90% of its own rate at 1 rule (CONNECT flat "
                        + "in the rule count) | 0.850× (17,000 vs 20,000 conn/s) | **missed** |")
                .contains("| first storm at 100,000 rules, password: topicguard ≥ 90% of its own rate at 1 rule (CONNECT flat "
                        + "in the rule count) | no topicguard storm at both 1 and 100,000 rules | not measured |");
        assertThat(section).contains("| first storm at 1 rule, password: topicguard ≥ mosquitto (conn/s) | no storm of both "
                + "brokers at 1 rule | not measured |");
    }

    @Test
    void memoryPerClientComparesResidentSetsAndSaysWhy50000AreNotMeasured() throws Exception {
        write(MemorySection.FILE, Map.of("subscriptions", "5", "topicguard-jvm", "-Xmx2g", "open-files-limit", "20000"), List.of(
                new MemoryResult("topicguard", 10_000, 5, 10_000, 100_000_000, 250_000_000, 8_000_000, 68_000_000, 15_000,
                        6_000, null, 1),
                new MemoryResult("mosquitto", 10_000, 5, 10_000, 8_000_000, 88_000_000, -1, -1, 8_000, -1, null, 1)));

        String section = new MemorySection().render(run);

        assertThat(section).contains("**50,000 clients are not measured here**").contains("20000 descriptors per process")
                .contains("| topicguard | 10,000 | 95.4 MiB | 238.4 MiB | 15,000 B | 7.6 MiB | 64.8 MiB | 6,000 B | 1.88× |  |")
                .contains("| RSS per client at 10,000 clients ≤ 2× mosquitto's | 1.88× (15,000 B vs 8,000 B; topicguard's heap: "
                        + "6,000 B per client) | **met** |");
    }

    @Test
    void fanOutIsJudgedOnTheMedianRateOfCleanRounds() throws Exception {
        write(FanoutSection.FILE, Map.of("window", "20", "warmup", "2", "seconds", "4"), List.of(
                new FanoutResult("topicguard", 1000, 500, 4, 100, 100_000, 300_000, null, 1),
                new FanoutResult("topicguard", 1000, 500, 4, 100, 100_000, 500_000, null, 2),
                new FanoutResult("topicguard", 1000, 500, 4, 0, 0, 0, "stalled: nothing delivered for 10 s", 3),
                new FanoutResult("mosquitto", 1000, 500, 4, 100, 100_000, 250_000, null, 1)));

        String section = new FanoutSection().render(run);

        assertThat(section).contains("| topicguard | 1,000 | 500 | 400,000 | 1.60× |  |")
                .contains("| fan-out deliveries/s ≥ 2× mosquitto's | 1.60× (400,000 vs 250,000 deliveries/s) | **missed** |");
    }

    @Test
    void persistenceComparesTheStoreWithMosquittoAndJudgesTheRestartOnlyAtTheIssuesDataSet() throws Exception {
        write(PersistenceSection.FILE, Map.of("pairs", "4", "window", "100", "warmup", "3", "seconds", "5"), List.of(
                new PersistenceResult("topicguard (memory)", false, qos1("topicguard", 60_000)),
                new PersistenceResult("topicguard (--data-dir)", true, qos1("topicguard", 40_000)),
                new PersistenceResult("mosquitto (persistence true)", true, qos1("mosquitto", 35_000))));
        write(PersistenceSection.RESTART_FILE, Map.of("retained", "2000", "sessions", "100", "queued", "10"), List.of(
                new RestartResult("topicguard", 2_000, 100, 10, 2, 0.2, 3.5, 1_228_800, null)));

        String section = new PersistenceSection().render(run);

        assertThat(section).contains("| topicguard (--data-dir) | 40,000 | 900 | 5,000 | 1 |  |")
                .contains("| QoS 1 with persistence on: topicguard ≥ mosquitto (persistence true) | 1.14× (40,000 vs 35,000 msg/s) | **met** |")
                .contains("| topicguard | 2.00 | 0.200 | 3.50 | 1.2 MiB |  |")
                .contains("| restart of the data set ≤ 10 s | 3.50 s (2,000 retained, 100 sessions × 10 queued) | not measured |");
    }

    @Test
    void aNoteOfSeveralLinesStaysInItsTableCell() throws Exception {
        write(PersistenceSection.RESTART_FILE, Map.of("retained", "1000000", "sessions", "10000", "queued", "100"), List.of(
                new RestartResult("topicguard", 1_000_000, 10_000, 100, 290, 0.4, -1, 512, "exited | its log ends:\nChunk 1987 not found")));

        String section = new PersistenceSection().render(run);

        assertThat(section).contains("| topicguard | 290 | 0.400 | – | 0.0 MiB | exited / its log ends: / Chunk 1987 not found |")
                .contains("| restart of the data set ≤ 10 s | exited / its log ends: / Chunk 1987 not found (1,000,000 retained, "
                        + "10,000 sessions × 100 queued) | **missed** |");
    }

    @Test
    void aStepWithoutItsJsonSaysSo() throws Exception {
        for (StepSection section : StepSection.ALL) {
            assertThat(section.render(run)).as(section.step()).endsWith("Not measured in this run.\n");
        }
    }

    private static LoadResult qos1(String broker, double rate) {
        return new LoadResult(broker, "pattern", 1, 1, 4, 5, (long) rate * 5, rate, 900, 5_000, null, 1,
                new CpuUsage(null, null, null), 1);
    }
}
