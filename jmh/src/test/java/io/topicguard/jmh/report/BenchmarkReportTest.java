package io.topicguard.jmh.report;

import io.topicguard.jmh.load.LoadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkReportTest {

    private static final String RESULT = """
            {"broker": "mosquitto", %s"rules": 10000, "qos": 0, "pairs": 4, "seconds": 3.0, "delivered": 9420,
             "messagesPerSecond": 3140.0, "p50Micros": 8000.0, "p99Micros": 19000.0, "note": null}""";

    @Test
    void readsALoadJsonWrittenBeforeThereWerePolicyKindsAsTheUserKind(@TempDir Path run) throws Exception {
        // The load.json of a run before --policy-kinds: its policies were all of the user kind.
        Files.writeString(run.resolve("load.json"), "{\"settings\": {\"pairs\": \"4\"}, \"results\": ["
                + RESULT.formatted("") + ", " + RESULT.formatted("\"policy\": \"pattern\", ") + "]}");
        ReportWriter.Inputs inputs = BenchmarkReport.read(run, "short", 1);
        assertThat(inputs.load()).extracting(LoadResult::policy).containsExactly("user", "pattern");
        assertThat(inputs.load().get(0)).isEqualTo(new LoadResult("mosquitto", "user", 10_000, 0, 4, 3.0, 9_420, 3_140,
                8_000, 19_000, null));
        assertThat(inputs.loadSettings()).containsEntry("pairs", "4");
        assertThat(ReportWriter.write(inputs)).contains("| mosquitto | user | 10,000 | 0 | 3,140 |");
    }

    @Test
    void readsAFootprintJsonWrittenBeforeMoquettesParserWasTimedBesideIt(@TempDir Path run) throws Exception {
        Files.writeString(run.resolve("footprint.json"), """
                {"rules": 1000000, "parseSeconds": 2.0, "compileSeconds": 2.5, "totalSeconds": 4.5, "cpuSeconds": 4.0,
                 "retainedBytes": 524288000, "maxHeapBytes": 8589934592}""");
        ReportWriter.Inputs inputs = BenchmarkReport.read(run, "short", 1);
        assertThat(inputs.footprint().moquetteParseSeconds()).isNull();
        assertThat(ReportWriter.write(inputs)).contains("| 2.00 | 2.50 | 4.50 | 4.00 | 500.0 MiB | 8,192.0 MiB | – |")
                .contains("| compiled 1,000,000-rule policy retains ≤ 400 MiB of heap (item 2) | 500.0 MiB retained | **missed** |");

        Files.writeString(run.resolve("footprint.json"), """
                {"rules": 1000000, "parseSeconds": 1.0, "compileSeconds": 1.5, "totalSeconds": 2.5, "cpuSeconds": 2.4,
                 "retainedBytes": 400000000, "maxHeapBytes": 8589934592, "moquetteParseSeconds": 3.0}""");
        assertThat(BenchmarkReport.read(run, "short", 1).footprint().moquetteParseSeconds()).isEqualTo(3.0);
    }
}
