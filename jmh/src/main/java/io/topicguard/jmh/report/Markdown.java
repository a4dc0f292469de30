package io.topicguard.jmh.report;

import java.util.List;
import java.util.Locale;

/** Number formatting and table syntax for the report, in one place so every table reads alike. */
final class Markdown {

    private Markdown() {
    }

    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> out.append("---|"));
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    /** A score with its error, three significant digits or more. */
    static String score(double score, double error) {
        return number(score) + (Double.isNaN(error) ? "" : " ± " + number(error));
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    static String ratio(double ratio) {
        return number(ratio) + "×";
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
