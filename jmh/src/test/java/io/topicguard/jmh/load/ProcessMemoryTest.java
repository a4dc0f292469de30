package io.topicguard.jmh.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessMemoryTest {

    @Test
    void readsTheResidentSetFromProcStatusInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 4000000 kB\nVmRSS:\t  153784 kB\nRssAnon:\t  100000 kB\n";
        assertThat(ProcessMemory.parseRss(status)).hasValue(153_784L * 1024);
        assertThat(ProcessMemory.parseRss("Name:\tkthread\n")).isEmpty();
    }

    @Test
    void readsHeapInUseFromG1sHeapInfo() {
        String info = "12345:\n garbage-first heap   total 262144K, used 16812K [0x0000000080000000, 0x0000000100000000)\n"
                + "  region size 1024K, 2 young (2048K), 0 survivors (0K)\n Metaspace       used 30000K, committed 30500K\n";
        assertThat(ProcessMemory.parseHeapUsed(info)).hasValue(16_812L * 1024);
        assertThat(ProcessMemory.parseHeapUsed("12345:\nCould not attach")).isEmpty();
    }

    @Test
    void readsTheBrokerProcessOfThisJvmItself() {
        assertThat(ProcessMemory.rssBytes(ProcessHandle.current().pid()).orElse(0)).isPositive();
    }

    @Test
    void theResidentSetIsReadOnceItStopsMoving() throws InterruptedException {
        // 270 MB right after the collection, then G1 returns the freed heap: 193 MB, and it stays.
        Iterator<Long> readings = List.of(270_000L, 193_500L, 193_600L, 1L).iterator();
        assertThat(ProcessMemory.settled(() -> OptionalLong.of(readings.next()), 0)).hasValue(193_600L);
        Iterator<Long> moving = LongStream.iterate(1_000_000, r -> r / 2).iterator();
        assertThat(ProcessMemory.settled(() -> OptionalLong.of(moving.next()), 0)).hasValue(1_000_000L >> 20);
    }

    @Test
    void theBrokerUnderTestRunsWithTheLaunchersOptions() {
        assertThat(Brokers.launcherOptions()).endsWith(Path.of("bin", "jvm.options"));
        assertThat(Brokers.topicguardJvmFlags("2g")).contains("-XX:").doesNotContain("#").contains("-Xmx2g");
    }

    @Test
    void scenarioOptionsOverrideTheDefaultsAndRefuseUnknownOnes() {
        ScenarioOptions options = ScenarioOptions.parse(Map.of("clients", "10000", "rules", "1"), "--clients", "300,600");
        assertThat(options.integers("clients")).containsExactly(300, 600);
        assertThat(options.integers("rules")).containsExactly(1);
        assertThatThrownBy(() -> ScenarioOptions.parse(Map.of("clients", "1"), "--client", "3"))
                .hasMessageContaining("unknown option --client");
    }
}
