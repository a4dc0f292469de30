package io.topicguard.broker.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LogThrottleTest {

    private final AtomicLong now = new AtomicLong();
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.throttle");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final LogThrottle throttle = new LogThrottle(logger, "denials", 2, 3, 100, Duration.ofSeconds(10), now::get);

    LogThrottleTest() {
        appender.start();
        logger.addAppender(appender);
    }

    @Test
    void holdsBackPerConnectionAndPerAddressAndSummarizesWhenTheWindowEnds() throws Exception {
        InetAddress a = InetAddress.getByName("203.0.113.7");
        int allowed = 0;
        for (int i = 0; i < 12_410; i++) {
            allowed += throttle.allow(i % 2 == 0 ? "203.0.113.7:1" : "203.0.113.7:2", a) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(3); // two per connection, three from the address
        assertThat(appender.list).isEmpty();

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        throttle.sweep();
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactlyInAnyOrder(
                "suppressed 6,203 similar denials from 203.0.113.7:1 in the last 10 s",
                "suppressed 6,203 similar denials from 203.0.113.7:2 in the last 10 s",
                "suppressed 1 similar denials from 203.0.113.7 in the last 10 s");
        assertThat(throttle.allow("203.0.113.7:1", a)).isTrue(); // a new window
    }

    @Test
    void capsAndEscapesClientChosenValues() {
        assertThat(LogText.quote("a\"b\n")).isEqualTo("\"a\\\"b\\u000a\"");
        assertThat(LogText.quote(null)).isEqualTo("-");
        String quoted = LogText.quote("é".repeat(300));
        assertThat(quoted).isEqualTo("\"" + "é".repeat(256) + "\"…(+88 bytes)");
    }
}
