package io.topicguard.dsl;

import io.topicguard.dsl.ast.SourcePosition;
import org.jspecify.annotations.Nullable;

/**
 * One located problem in a policy: an error (the policy is rejected) or a warning (lint).
 *
 * @param sourceLine the text of the offending line, for the caret display; empty or null when the
 *                   position is not in a readable file
 * @param hint       a suggested fix, or null
 */
public record Diagnostic(Severity severity, SourcePosition position, String message, @Nullable String sourceLine,
                         @Nullable String hint) {

    /** Characters of a long source line shown around the caret. */
    private static final int MAX_SHOWN = 160;

    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The display of docs/language.md, Errors:
     * <pre>
     * policy.acl:3:24: error: expected a topic string after 'to publish'
     *     allow all to publish qos 1
     *                          ^
     *   hint: write the topic in double quotes, e.g. "devices/+/up"
     * </pre>
     */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(position).append(": ").append(severity.label()).append(": ").append(message);
        if (sourceLine != null && !sourceLine.isEmpty()) {
            appendSourceAndCaret(out);
        }
        if (hint != null && !hint.isEmpty()) {
            out.append('\n').append("  hint: ").append(hint);
        }
        return out.toString();
    }

    /**
     * The line and a caret under the column. Columns count characters (code points); a line longer
     * than a terminal is cut to a window around the column, so a 10 MB line prints as one short line.
     */
    private void appendSourceAndCaret(StringBuilder out) {
        int length = sourceLine.codePointCount(0, sourceLine.length());
        int caret = Math.min(position.column(), length + 1) - 1; // 0-based, in code points
        int from = 0;
        int to = length;
        if (length > MAX_SHOWN) {
            from = Math.max(0, Math.min(caret - MAX_SHOWN / 2, length - MAX_SHOWN));
            to = Math.min(length, from + MAX_SHOWN);
        }
        int fromIndex = sourceLine.offsetByCodePoints(0, from);
        int toIndex = sourceLine.offsetByCodePoints(fromIndex, to - from);
        String prefix = from > 0 ? "..." : "";
        out.append('\n').append("    ").append(prefix).append(sourceLine, fromIndex, toIndex).append(to < length ? "..." : "");
        out.append('\n').append("    ").append(" ".repeat(prefix.length()));
        int index = fromIndex;
        for (int i = from; i < caret; i++) {
            int cp = sourceLine.codePointAt(index);
            // Keep tabs so the caret lines up under the same character on any terminal.
            out.append(cp == '\t' ? '\t' : ' ');
            index += Character.charCount(cp);
        }
        out.append('^');
    }

    @Override
    public String toString() {
        return format();
    }
}
