package io.topicguard.auth.log;

import org.slf4j.Logger;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bounds how many lines of one kind (denials) clients can cause: at most {@code perConnection}
 * lines per window from one connection, {@code perAddress} from one source address and
 * {@code overall} from everyone. What is held back is counted and handed to a {@link Summary}
 * once the window ends, one call per source; {@link #summaryLines} writes the usual line:
 * <pre>
 * suppressed 12,408 similar denials from 203.0.113.7 in the last 10 s
 * </pre>
 * The summary is given by the next line asked for after the window ended, by {@link #sweep()}
 * (windows that are over) and by {@link #flush()} (every window, now), which the embedding
 * program runs on a timer so that a flood that stopped is still reported. Memory is bounded too:
 * at most {@value #MAX_SOURCES} sources are tracked; beyond that, new ones share one window named
 * {@code other sources}.
 *
 * <pre>{@code
 * LogThrottle denials = new LogThrottle(10, 100, 1_000, Duration.ofSeconds(10), System::nanoTime,
 *         LogThrottle.summaryLines(log, "denials"));
 * if (denials.allow(connection, address)) {
 *     log.info(line);
 * }
 * }</pre>
 *
 * <p>Thread-safe; {@link #allow} is a map lookup and a few arithmetic operations under a
 * per-source lock, cheap enough for every denial on an event loop.
 */
public final class LogThrottle {

    /** Where the count of held-back lines goes when a window ends. */
    @FunctionalInterface
    public interface Summary {
        /** {@code suppressed} (at least 1) lines from {@code source} were held back in the window that just ended. */
        void suppressed(String source, long suppressed);
    }

    /** The name of the window every line counts against ({@code overall}). */
    public static final String EVERYONE = "all clients";

    static final int MAX_SOURCES = 10_000;
    private static final String OTHER = "other sources";

    private final int perConnection;
    private final int perAddress;
    private final int overall;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Summary summary;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * @param perConnection lines per window from one connection ({@link Integer#MAX_VALUE}: no such limit)
     * @param perAddress lines per window from one source address
     * @param overall lines per window in all, at least 1
     * @param summary told, per source, how many lines a window that ended held back
     * @throws IllegalArgumentException when a limit is below 1 or the window is not positive
     */
    public LogThrottle(int perConnection, int perAddress, int overall, Duration window, LongSupplier nanoTime, Summary summary) {
        if (perConnection < 1 || perAddress < 1 || overall < 1) {
            throw new IllegalArgumentException("every limit must be at least 1, was " + perConnection + " per connection, "
                    + perAddress + " per address, " + overall + " overall");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive, was " + window);
        }
        this.perConnection = perConnection;
        this.perAddress = perAddress;
        this.overall = overall;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.summary = summary;
    }

    /**
     * A throttle with only the {@code overall} limit, for a program that answers for many
     * clients without connections of its own (the decision service).
     */
    public static LogThrottle overall(int overall, Duration window, LongSupplier nanoTime, Summary summary) {
        return new LogThrottle(Integer.MAX_VALUE, Integer.MAX_VALUE, overall, window, nanoTime, summary);
    }

    /**
     * A summary that writes {@code suppressed 12,408 similar denials from 203.0.113.7 in the last 10 s}
     * at INFO on {@code log}, {@code what} being the plural noun ({@code denials}).
     */
    public static Summary summaryLines(Logger log, String what, Duration window) {
        long seconds = Math.max(1, window.toSeconds());
        return (source, suppressed) -> log.info(String.format("suppressed %,d similar %s from %s in the last %d s",
                suppressed, what, source, seconds));
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

    /** Whether a line with no connection or address to count it against may be written now. */
    public boolean allow() {
        return allow(null, null);
    }

    /** Ends every window that is over: summarizes what it held back and forgets sources that went quiet. */
    public void sweep() {
        end(false);
    }

    /** Ends every window now, over or not: summarizes what each held back, and each starts afresh. */
    public void flush() {
        end(true);
    }

    /** The length of one window, for whoever schedules {@link #sweep()}. */
    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    private void end(boolean all) {
        long now = nanoTime.getAsLong();
        for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Window> e = it.next();
            Window w = e.getValue();
            long ended = 0;
            synchronized (w) {
                if (all || now - w.start >= windowNanos) {
                    ended = w.roll(now);
                    if (w.idle()) {
                        it.remove();
                    }
                }
            }
            report(e.getKey(), ended);
        }
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
            summary.suppressed(source, suppressed);
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
