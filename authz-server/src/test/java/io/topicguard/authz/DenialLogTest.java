package io.topicguard.authz;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Denials are logged once each with the deciding line, capped, escaped and rate-limited. */
class DenialLogTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(DenialLog.LOGGER_NAME);
    private final AtomicLong now = new AtomicLong();

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Decision denied() throws Exception {
        return Policy.fromString("policy.acl", "default deny\n").bind(ClientInfo.builder("c").build()).publish("a/b", 0, false);
    }

    @Test
    void aDenialNamesTheDecidingLine() throws Exception {
        DenialLog log = new DenialLog(10, Duration.ofSeconds(1), now::get);

        log.denied("/emqx/authz", ClientInfo.builder("c1").username("alice").build(), "publish", "a/b", denied());

        assertThat(lines()).containsExactly("deny endpoint=/emqx/authz action=publish topic=\"a/b\" clientid=\"c1\" username=\"alice\""
                + " address=- decision=deny reason=default source=policy.acl:1");
    }

    @Test
    void clientChosenValuesAreCappedAndCannotForgeALine() throws Exception {
        DenialLog log = new DenialLog(10, Duration.ofSeconds(1), now::get);

        log.denied("/emqx/authz", ClientInfo.builder("evil\ndeny forged").username("u".repeat(1000)).build(), "publish", "t", denied());

        String line = lines().get(0);
        assertThat(line).doesNotContain("\n").contains("clientid=\"evil\\u000adeny forged\"")
                .contains("u".repeat(256) + "…(1000 chars)").doesNotContain("u".repeat(257));
    }

    @Test
    void beyondTheRateOneSummaryLineCountsWhatWasNotLogged() throws Exception {
        DenialLog log = new DenialLog(3, Duration.ofSeconds(1), now::get);
        ClientInfo client = ClientInfo.builder("c").build();
        Decision decision = denied();

        for (int i = 0; i < 10; i++) {
            log.denied("/mosquitto/acl", client, "publish", "t/" + i, decision);
        }
        assertThat(lines()).hasSize(3);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        log.flush();

        assertThat(lines()).hasSize(4);
        assertThat(lines().get(3)).startsWith("7 more denials not logged in the last 1000 ms");
        log.denied("/mosquitto/acl", client, "publish", "t/next", decision);
        assertThat(lines()).as("a new interval logs again").hasSize(5);
        log.flush();
        assertThat(lines()).as("nothing suppressed, nothing to summarize").hasSize(5);
    }
}
