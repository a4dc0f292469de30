package io.topicguard.broker.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** The reload coordinator's log events as {@code "LEVEL message"}, captured with logback's ListAppender. */
final class ReloadLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Broker.RELOAD_LOGGER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    ReloadLog() {
        appender.start();
        logger.addAppender(appender);
    }

    List<String> errors() {
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getLevel().toString().equals("ERROR"))
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
