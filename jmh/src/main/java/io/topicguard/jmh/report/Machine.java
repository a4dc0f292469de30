package io.topicguard.jmh.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the report says about the machine it was measured on, read from the running system. */
record Machine(int processors, String cpuModel, String memory, String jdk, String os, String load) {

    /**
     * This machine; {@code results} is the run's directory, where the script left
     * {@code /proc/loadavg} as it was when the run started and when it ended: figures taken while
     * something else used the cores are not the machine's, and the reader should see that.
     */
    static Machine current(Path results) {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemory(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                readLoad(results));
    }

    private static String readLoad(Path results) {
        return loadAverages(results.resolve("loadavg-start")) + " at the start, " + loadAverages(results.resolve("loadavg-end"))
                + " at the end (1, 5, 15 min; " + Runtime.getRuntime().availableProcessors() + " processors)";
    }

    private static String loadAverages(Path file) {
        try {
            String[] fields = Files.readString(file).trim().split("\\s+");
            return fields.length >= 3 ? fields[0] + " / " + fields[1] + " / " + fields[2] : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String readCpuModel() {
        return procLine("/proc/cpuinfo", "model name").orElse("unknown (no /proc/cpuinfo)");
    }

    private static String readMemory() {
        return procLine("/proc/meminfo", "MemTotal").map(line -> {
            long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
            return String.format(Locale.ROOT, "%.1f GiB", kib / (1024.0 * 1024.0));
        }).orElse("unknown (no /proc/meminfo)");
    }

    private static java.util.Optional<String> procLine(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
