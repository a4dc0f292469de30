package io.topicguard.hivemq;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** The denial lines the extension logs while a test runs (logback's list appender on the denial logger). */
final class DenialLines implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Denials.LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    DenialLines() {
        appender.start();
        logger.addAppender(appender);
    }

    List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
