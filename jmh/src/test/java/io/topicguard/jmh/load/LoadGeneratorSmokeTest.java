package io.topicguard.jmh.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Drives each broker for about a second, so the load generator cannot rot. Not a measurement. */
class LoadGeneratorSmokeTest {

    @TempDir
    Path workDir;

    private List<LoadResult> runFor(String broker, String qos, String topicguardMode) throws Exception {
        Map<String, String> options = LoadGenerator.parse("--brokers", broker, "--rules", "100", "--qos", qos,
                "--pairs", "2", "--window", "20", "--warmup", "0.2", "--seconds", "0.5", "--max-messages", "5000",
                "--topicguard-heap", "256m", "--topicguard-mode", topicguardMode, "--work-dir", workDir.toString());
        return LoadGenerator.run(options);
    }

    private static void assertDelivered(List<LoadResult> results, int runs) {
        assertThat(results).hasSize(runs).allSatisfy(r -> {
            assertThat(r.note()).as(r.toString()).isNull();
            assertThat(r.delivered()).as(r.toString()).isPositive();
            assertThat(r.p99Micros()).as(r.toString()).isGreaterThanOrEqualTo(r.p50Micros()).isPositive();
        });
    }

    @Test
    void inProcessTopicguardDeliversTheLoadAtQos0And1() throws Exception {
        assertDelivered(runFor("topicguard", "0,1", "in-process"), 2);
    }

    @Test
    void topicguardServeInAChildJvmDeliversTheLoad() throws Exception {
        // The mode the report measures: topicguard serve, started with this JVM's class path.
        assertDelivered(runFor("topicguard", "1", "process"), 1);
    }

    @Test
    void mosquittoDeliversTheLoadThroughItsTranslatedAcl() throws Exception {
        assumeTrue(Brokers.findMosquitto().isPresent(), "mosquitto is not installed (jmh/run-benchmarks.sh installs it)");
        assertDelivered(runFor("mosquitto", "0,1", "process"), 2);
    }
}
