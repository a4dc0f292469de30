package io.topicguard.auth.log;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogThrottleTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong();
    private final List<String> summaries = new ArrayList<>();
    private final LogThrottle throttle = new LogThrottle(2, 3, 100, WINDOW, now::get,
            (source, suppressed) -> summaries.add(suppressed + " from " + source));

    @Test
    void holdsBackPerConnectionAndPerAddressAndSummarizesWhenTheWindowEnds() throws Exception {
        InetAddress a = InetAddress.getByName("203.0.113.7");
        int allowed = 0;
        for (int i = 0; i < 12_410; i++) {
            allowed += throttle.allow(i % 2 == 0 ? "203.0.113.7:1" : "203.0.113.7:2", a) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(3); // two per connection, three from the address
        assertThat(summaries).isEmpty();

        now.addAndGet(WINDOW.toNanos());
        throttle.sweep();
        assertThat(summaries).containsExactlyInAnyOrder("6203 from 203.0.113.7:1", "6203 from 203.0.113.7:2", "1 from 203.0.113.7");
        assertThat(throttle.allow("203.0.113.7:1", a)).isTrue(); // a new window
    }

    @Test
    void sweepLeavesAWindowThatIsNotOverAndFlushEndsIt() {
        LogThrottle overall = LogThrottle.overall(1, WINDOW, now::get, (source, suppressed) -> summaries.add(suppressed + " from " + source));
        assertThat(overall.allow()).isTrue();
        assertThat(overall.allow()).isFalse();

        now.addAndGet(WINDOW.toNanos() - 1);
        overall.sweep();
        assertThat(summaries).isEmpty();
        assertThat(overall.allow()).as("still the first window").isFalse();

        overall.flush();
        assertThat(summaries).containsExactly("2 from " + LogThrottle.EVERYONE);
        assertThat(overall.allow()).as("flush started a new window").isTrue();
    }

    @Test
    void theNextLineAfterTheWindowGivesTheSummary() {
        LogThrottle overall = LogThrottle.overall(1, WINDOW, now::get, (source, suppressed) -> summaries.add(suppressed + " from " + source));
        overall.allow();
        overall.allow();
        now.addAndGet(WINDOW.toNanos());

        assertThat(overall.allow()).isTrue();
        assertThat(summaries).containsExactly("1 from " + LogThrottle.EVERYONE);
    }

    @Test
    void limitsBelowOneAreRefusedWithTheirValues() {
        assertThatThrownBy(() -> LogThrottle.overall(0, WINDOW, now::get, (s, n) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 overall");
    }

    @Test
    void theSummaryLineSaysHowManyFromWhomInWhatWindow() {
        List<String> lines = new ArrayList<>();
        LogThrottle.Summary summary = LogThrottle.summaryLines(RecordingLogger.into(lines), "denials", WINDOW);

        summary.suppressed("203.0.113.7", 12_408);

        assertThat(lines).containsExactly("suppressed 12,408 similar denials from 203.0.113.7 in the last 10 s");
    }
}
