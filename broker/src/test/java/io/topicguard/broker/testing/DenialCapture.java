package io.topicguard.broker.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.topicguard.broker.auth.DenialLog;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Collects the denial log lines (logger {@value DenialLog#LOGGER_NAME}) while open. */
public final class DenialCapture implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(DenialLog.LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public DenialCapture() {
        appender.start();
        logger.addAppender(appender);
    }

    /** The INFO lines logged so far. */
    public List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while appending
            return appender.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
