package io.topicguard.jmh.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process's memory: its resident set from {@code /proc/PID/status}, and for a JVM the heap
 * in use after a full collection, asked through {@code jcmd} (the JDK's own tool, beside this
 * JVM's {@code java}).
 */
final class ProcessMemory {

    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
    /** G1's line of {@code GC.heap_info}: {@code garbage-first heap   total 262144K, used 12345K [...]}. */
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private ProcessMemory() {
    }

    /** The resident set of process {@code pid} in bytes, or empty where /proc does not say (not Linux). */
    static OptionalLong rssBytes(long pid) {
        try {
            return parseRss(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The resident set once it has stopped moving: read every half second until two readings in a
     * row differ by less than 1% (at most ten seconds). After a collection G1 gives the heap it no
     * longer needs back to the system from a background thread (JDK 17); a reading taken right
     * after the collection can come before that and count memory the process is about to return.
     */
    static OptionalLong settledRssBytes(long pid) throws InterruptedException {
        return settled(() -> rssBytes(pid), 500);
    }

    /** The first of {@code reading}'s values within 1% of the one before it, {@code pauseMillis} apart; the 21st at most. */
    static OptionalLong settled(Supplier<OptionalLong> reading, long pauseMillis) throws InterruptedException {
        OptionalLong last = reading.get();
        for (int i = 0; i < 20 && last.isPresent(); i++) {
            Thread.sleep(pauseMillis);
            OptionalLong now = reading.get();
            if (now.isEmpty() || Math.abs(now.getAsLong() - last.getAsLong()) < last.getAsLong() / 100) {
                return now;
            }
            last = now;
        }
        return last;
    }

    static OptionalLong parseRss(String status) {
        Matcher m = VM_RSS.matcher(status);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024) : OptionalLong.empty();
    }

    /** Runs a full collection in JVM {@code pid} ({@code jcmd PID GC.run}); false when jcmd failed. */
    static boolean fullGc(long pid) {
        return jcmd(pid, "GC.run") != null;
    }

    /** Heap in use in JVM {@code pid} now, in bytes ({@code jcmd PID GC.heap_info}); empty when unreadable. */
    static OptionalLong heapUsedBytes(long pid) {
        String info = jcmd(pid, "GC.heap_info");
        return info == null ? OptionalLong.empty() : parseHeapUsed(info);
    }

    static OptionalLong parseHeapUsed(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024) : OptionalLong.empty();
    }

    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
