package io.topicguard.dsl;

import io.topicguard.dsl.ast.SourcePosition;

/**
 * One located problem in a policy: an error (the policy is rejected) or a warning (lint).
 *
 * @param sourceLine the text of the offending line, for the caret display; may be empty when the
 *                   position is not in a readable file
 * @param hint       a suggested fix, or null
 */
public record Diagnostic(Severity severity, SourcePosition position, String message, String sourceLine, String hint) {

    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The display of DESIGN.md §2.1:
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
            out.append('\n').append("    ").append(sourceLine).append('\n').append("    ");
            int caretColumn = Math.min(position.column(), sourceLine.length() + 1);
            for (int i = 1; i < caretColumn; i++) {
                // Keep tabs so the caret lines up under the same character on any terminal.
                out.append(sourceLine.charAt(i - 1) == '\t' ? '\t' : ' ');
            }
            out.append('^');
        }
        if (hint != null && !hint.isEmpty()) {
            out.append('\n').append("  hint: ").append(hint);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
