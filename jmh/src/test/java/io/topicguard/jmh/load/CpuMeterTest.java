package io.topicguard.jmh.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CpuMeterTest {

    @Test
    void readsTheMachineTicksFromTheCpuLineOfProcStat() {
        // user nice system idle iowait irq softirq steal guest guest_nice, as Linux writes them.
        assertThat(CpuMeter.parseCpuLine("cpu  4310352 18864 479241 2779486 3192 0 50143 69722 0 0"))
                .hasValueSatisfying(t -> assertThat(t).containsExactly(4310352, 18864, 479241, 2779486, 3192, 0, 50143, 69722));
        assertThat(CpuMeter.parseCpuLine("cpu0 2134331 8714 237975 1413552 724 0 24884 34710 0 0")).isEmpty();
        assertThat(CpuMeter.parseCpuLine("cpu  1 2 3")).isEmpty();
    }

    @Test
    void stealIsItsShareOfAllTheTicksBetweenTwoReadings() {
        Optional<long[]> start = Optional.of(new long[] {100, 0, 10, 500, 0, 0, 5, 20});
        // 200 ticks went by (two cores for a second): 150 user, 20 system, 10 idle, 20 stolen.
        Optional<long[]> end = Optional.of(new long[] {250, 0, 30, 510, 0, 0, 5, 40});
        assertThat(CpuMeter.steal(start, end)).isEqualTo(10.0);
        assertThat(CpuMeter.steal(start, start)).isNull();
        assertThat(CpuMeter.steal(Optional.empty(), end)).isNull();
    }

    @Test
    void processCpuIsInPercentOfOneCoreOverTheWindow() {
        CpuMeter.Reading start = new CpuMeter.Reading(0, Optional.of(Duration.ofMillis(1_000)), Optional.empty(),
                Optional.empty());
        // 1.5 s of CPU in a 1 s window: one and a half cores.
        CpuMeter.Reading end = new CpuMeter.Reading(1_000_000_000L, Optional.of(Duration.ofMillis(2_500)), Optional.empty(),
                Optional.empty());
        assertThat(CpuMeter.between(start, end)).isEqualTo(new CpuUsage(150.0, null, null));
    }
}
