package io.topicguard.auth.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

import java.util.List;

/** An slf4j logger that adds every formatted message to a list: auth's tests have no logging backend. */
final class RecordingLogger extends LegacyAbstractLogger {

    private final transient List<String> lines;

    private RecordingLogger(List<String> lines) {
        this.lines = lines;
        this.name = "recording";
    }

    static RecordingLogger into(List<String> lines) {
        return new RecordingLogger(lines);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        lines.add(MessageFormatter.basicArrayFormat(pattern, arguments));
    }

    @Override
    public boolean isTraceEnabled() {
        return true;
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
