package io.topicguard.dsl.source;

import java.util.Arrays;

/**
 * The decoded text of one policy file, with the lookups diagnostics need: the text of a line, and
 * columns counted in characters (code points) as ANTLR counts them.
 *
 * <p>The line index is built lazily, only when a diagnostic asks for a line, so a valid file costs
 * nothing here.
 */
public final class SourceText {

    private final String displayName;
    private final String text;
    private int[] lineStarts;
    private int cachedLine = -1;
    private String cachedLineText;

    public SourceText(String displayName, String text) {
        this.displayName = displayName;
        this.text = text;
    }

    /** The file's name as shown in positions. */
    public String displayName() {
        return displayName;
    }

    public String text() {
        return text;
    }

    /**
     * The text of 1-based {@code line} without its line terminator, or "" past the end. The same
     * String instance is returned for repeated calls on one line, so many diagnostics on one huge
     * line share it.
     */
    public synchronized String line(int line) {
        if (line == cachedLine) {
            return cachedLineText;
        }
        int[] starts = lineStarts();
        String result;
        if (line < 1 || line > starts.length) {
            result = "";
        } else {
            int start = starts[line - 1];
            int end = line < starts.length ? starts[line] - 1 : text.length();
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            result = text.substring(start, Math.max(start, end));
        }
        cachedLine = line;
        cachedLineText = result;
        return result;
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int[] starts = new int[16];
            int count = 0;
            starts[count++] = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = i + 1;
                }
            }
            lineStarts = Arrays.copyOf(starts, count);
        }
        return lineStarts;
    }
}
