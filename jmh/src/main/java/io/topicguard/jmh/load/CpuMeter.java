package io.topicguard.jmh.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Measures where the CPU went during a measured window ({@link CpuUsage}): how much the broker
 * used, how much the load clients (this JVM) used, and how much the hypervisor took from the
 * machine ("steal": time a virtual CPU wanted to run and the host ran something else). A run's
 * msg/s says what happened; these say why: a broker that had its cores and delivered less is
 * slower, a broker whose machine was taken away was not measured.
 *
 * <p>Steal comes from the first line of {@code /proc/stat} (Linux); process CPU times from
 * {@link ProcessHandle.Info#totalCpuDuration()}. What cannot be read here is null.
 */
final class CpuMeter {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** The fields of /proc/stat's "cpu" line read: user nice system idle iowait irq softirq steal. */
    private static final int FIELDS = 8;
    private static final int STEAL = 7;

    /** What was read at one moment. */
    record Reading(long nanoTime, Optional<Duration> broker, Optional<Duration> clients, Optional<long[]> machineTicks) {
    }

    private CpuMeter() {
    }

    static Reading read(BrokerUnderTest broker) {
        return new Reading(System.nanoTime(), broker.cpuTime(), ProcessHandle.current().info().totalCpuDuration(),
                machineTicks());
    }

    static CpuUsage between(Reading start, Reading end) {
        double wallNanos = end.nanoTime() - start.nanoTime();
        if (wallNanos <= 0) {
            return CpuUsage.UNMEASURED;
        }
        return new CpuUsage(percentOfCore(start.broker(), end.broker(), wallNanos),
                percentOfCore(start.clients(), end.clients(), wallNanos), steal(start.machineTicks(), end.machineTicks()));
    }

    private static Double percentOfCore(Optional<Duration> start, Optional<Duration> end, double wallNanos) {
        if (start.isEmpty() || end.isEmpty()) {
            return null;
        }
        return round(100.0 * end.get().minus(start.get()).toNanos() / wallNanos);
    }

    /** Steal's share of all the machine's ticks between two readings of /proc/stat. */
    static Double steal(Optional<long[]> start, Optional<long[]> end) {
        if (start.isEmpty() || end.isEmpty()) {
            return null;
        }
        long[] a = start.get();
        long[] b = end.get();
        long total = 0;
        for (int i = 0; i < a.length; i++) {
            total += b[i] - a[i];
        }
        return total <= 0 ? null : round(100.0 * (b[STEAL] - a[STEAL]) / total);
    }

    /**
     * The machine's CPU ticks by kind, from the "cpu" line of /proc/stat; the guest and guest_nice
     * fields are left out because user time already counts them.
     */
    static Optional<long[]> machineTicks() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            return lines.isEmpty() ? Optional.empty() : parseCpuLine(lines.get(0));
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }

    static Optional<long[]> parseCpuLine(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < FIELDS + 1 || !fields[0].equals("cpu")) {
            return Optional.empty();
        }
        long[] ticks = new long[FIELDS];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = Long.parseLong(fields[i + 1]);
        }
        return Optional.of(ticks);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
