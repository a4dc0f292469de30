package io.topicguard.broker.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bounds how many lines of one kind (denials) clients can cause: at most {@code perConnection}
 * lines per window from one connection, {@code perAddress} from one source address and
 * {@code overall} from everyone. What is held back is counted and reported once the window ends,
 * in one line per source on the same logger:
 * <pre>
 * suppressed 12,408 similar denials from 203.0.113.7 in the last 10 s
 * </pre>
 * The summary is written by the next line asked for after the window ended, and by
 * {@link #sweep()}, which the broker runs once per window so that a flood that stopped is still
 * reported. Memory is bounded too: at most {@value #MAX_SOURCES} sources are tracked; beyond
 * that, new ones share one window named {@code other sources}.
 *
 * <p>Thread-safe; {@link #allow} is a map lookup and a few arithmetic operations under a
 * per-source lock, cheap enough for every denial on an event loop.
 */
public final class LogThrottle {

    static final int MAX_SOURCES = 10_000;
    private static final String OTHER = "other sources";
    private static final String EVERYONE = "all clients";

    private final Logger log;
    private final String what;
    private final int perConnection;
    private final int perAddress;
    private final int overall;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * @param what the plural noun of the summary line ({@code denials})
     */
    public LogThrottle(Logger log, String what, int perConnection, int perAddress, int overall, Duration window, LongSupplier nanoTime) {
        this.log = log;
        this.what = what;
        this.perConnection = perConnection;
        this.perAddress = perAddress;
        this.overall = overall;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * A throttle for the denial lines (logger {@code io.topicguard.broker.denials}): 10 lines per
     * 10 s per connection, 100 per source address, 1,000 in all. One per broker.
     */
    public static LogThrottle forDenials() {
        return new LogThrottle(LoggerFactory.getLogger("io.topicguard.broker.denials"), "denials", 10, 100, 1_000,
                Duration.ofSeconds(10), System::nanoTime);
    }

    /**
     * Whether a line caused by the connection {@code connection} (e.g. {@code 203.0.113.7:51234};
     * null when there is none, e.g. a will sent after the connection closed) from
     * {@code address} (null when unknown) may be written now. When not, it is counted against
     * the first source whose budget ran out.
     */
    public boolean allow(String connection, InetAddress address) {
        long now = nanoTime.getAsLong();
        if (connection != null && !take(connection, perConnection, now)) {
            return false;
        }
        if (address != null && !take(address.getHostAddress(), perAddress, now)) {
            return false;
        }
        return take(EVERYONE, overall, now);
    }

    /** Writes the summary of every window that ended and forgets sources that went quiet. */
    public void sweep() {
        long now = nanoTime.getAsLong();
        for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Window> e = it.next();
            Window w = e.getValue();
            synchronized (w) {
                if (now - w.start >= windowNanos) {
                    report(e.getKey(), w.roll(now));
                    if (w.idle()) {
                        it.remove();
                    }
                }
            }
        }
    }

    /** The length of one window, for whoever schedules {@link #sweep()}. */
    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    private boolean take(String source, int limit, long now) {
        Window w = windows.get(source);
        if (w == null) {
            String key = windows.size() < MAX_SOURCES ? source : OTHER;
            w = windows.computeIfAbsent(key, k -> new Window(now));
            source = key;
        }
        long ended;
        boolean allowed;
        synchronized (w) {
            ended = now - w.start >= windowNanos ? w.roll(now) : 0;
            allowed = w.written < limit;
            if (allowed) {
                w.written++;
            } else {
                w.suppressed++;
            }
        }
        report(source, ended);
        return allowed;
    }

    private void report(String source, long suppressed) {
        if (suppressed > 0) {
            log.info(String.format("suppressed %,d similar %s from %s in the last %d s", suppressed, what, source,
                    Math.max(1, Duration.ofNanos(windowNanos).toSeconds())));
        }
    }

    /** One source's count in the current window. Guarded by itself. */
    private static final class Window {
        long start;
        int written;
        long suppressed;
        int quietWindows; // consecutive windows with nothing written or held back

        Window(long start) {
            this.start = start;
        }

        /** Starts a new window at {@code now}; returns what the ended one suppressed. */
        long roll(long now) {
            long s = suppressed;
            boolean wasQuiet = written == 0 && s == 0;
            start = now;
            written = 0;
            suppressed = 0;
            quietWindows = wasQuiet ? quietWindows + 1 : 0;
            return s;
        }

        /** Nothing happened for a whole window: the entry can go. */
        boolean idle() {
            return quietWindows > 0;
        }
    }
}
