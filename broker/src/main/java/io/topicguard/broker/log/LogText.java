package io.topicguard.broker.log;

import java.nio.charset.StandardCharsets;

/**
 * How a value a client chose (client id, username, topic, filter) is written into a log line:
 * quoted, with {@code "} and {@code \} escaped and control and line-breaking characters written
 * as {@code \}{@code uXXXX} so that no client can forge a second line, and capped at
 * {@value #MAX_CHARS} characters followed by {@code …(+N bytes)} so that no client can make one
 * line large: an MQTT string may be 65,535 bytes, and escaping grows it up to six times.
 */
public final class LogText {

    /** Characters of a client-chosen value kept in a log line; the rest is counted, not written. */
    public static final int MAX_CHARS = 256;

    private LogText() {
    }

    /** {@code value} quoted, escaped and capped; {@code -} when absent. */
    public static String quote(String value) {
        return quote(value, MAX_CHARS);
    }

    /** {@link #quote(String)} with another cap, for values that hold several client-chosen ones (a chain's trace). */
    public static String quote(String value, int maxChars) {
        if (value == null) {
            return "-";
        }
        int kept = Math.min(value.length(), maxChars);
        if (kept < value.length() && Character.isHighSurrogate(value.charAt(kept - 1))) {
            kept--; // never split a surrogate pair
        }
        StringBuilder out = new StringBuilder(kept + 24).append('"');
        for (int i = 0; i < kept; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                // C0, DEL, C1 (NEL U+0085 included) and the Unicode line and paragraph separators:
                // some log viewers and shippers break lines at each of them.
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (kept < value.length()) {
            out.append("…(+").append(value.substring(kept).getBytes(StandardCharsets.UTF_8).length).append(" bytes)");
        }
        return out.toString();
    }
}
