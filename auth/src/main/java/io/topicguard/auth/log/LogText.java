package io.topicguard.auth.log;

import java.nio.charset.StandardCharsets;

/**
 * How a value a client chose (client id, username, topic, filter) is written into a log line or
 * an error message: quoted, with {@code "} and {@code \} escaped and control and line-breaking
 * characters written as {@code \}{@code uXXXX} so that no client can forge a second line, and
 * capped so that no client can make one line large: an MQTT string may be 65,535 bytes, and
 * escaping grows it up to six times.
 *
 * <p>Two ways of saying what the cap left out are in use, and each module keeps its own (both are
 * pinned by tests and described in the docs): the broker writes the kept part quoted and then
 * {@code …(+N bytes)} for the bytes left out ({@link #quote(String)}); the decision service writes
 * {@code …(N chars)} for the whole value's length inside the quotes ({@link #quoteCounted}).
 *
 * <p>Stateless and thread-safe.
 */
public final class LogText {

    /** Characters of a client-chosen value kept in a log line; the rest is counted, not written. */
    public static final int MAX_CHARS = 256;

    private LogText() {
    }

    /** {@code value} quoted, escaped and capped at {@value #MAX_CHARS} characters, then {@code …(+N bytes)}; {@code -} when absent. */
    public static String quote(String value) {
        return quote(value, MAX_CHARS);
    }

    /** {@link #quote(String)} with another cap, for values that hold several client-chosen ones (a chain's trace). */
    public static String quote(String value, int maxChars) {
        if (value == null) {
            return "-";
        }
        int kept = keep(value, maxChars);
        StringBuilder out = new StringBuilder(kept + 24);
        appendQuoted(out, value, kept);
        if (kept < value.length()) {
            out.append("…(+").append(value.substring(kept).getBytes(StandardCharsets.UTF_8).length).append(" bytes)");
        }
        return out.toString();
    }

    /** {@code value} capped at {@value #MAX_CHARS} characters by {@link #capCounted}, then quoted and escaped. */
    public static String quoteCounted(String value) {
        String capped = capCounted(value, MAX_CHARS);
        StringBuilder out = new StringBuilder(capped.length() + 2);
        appendQuoted(out, capped, capped.length());
        return out.toString();
    }

    /**
     * {@code value} unchanged when it has at most {@code maxChars} characters, else its first ones
     * and {@code …(N chars)} with its whole length; not escaped (for values that are not a client's).
     */
    public static String capCounted(String value, int maxChars) {
        int kept = keep(value, maxChars);
        return kept == value.length() ? value : value.substring(0, kept) + "…(" + value.length() + " chars)";
    }

    /** {@code value} quoted and escaped, not capped: for a line whose whole length is cut instead ({@link #cut}). */
    public static void appendQuoted(StringBuilder out, String value) {
        appendQuoted(out, value, value.length());
    }

    /** {@code line} when it has at most {@code maxChars} characters, else its first ones and {@code …}, {@code maxChars} in all. */
    public static String cut(String line, int maxChars) {
        return line.length() <= maxChars ? line : line.substring(0, maxChars - 1) + "…";
    }

    /** How many characters of {@code value} a cap of {@code maxChars} keeps: never half a surrogate pair. */
    private static int keep(String value, int maxChars) {
        int kept = Math.min(value.length(), maxChars);
        if (kept > 0 && kept < value.length() && Character.isHighSurrogate(value.charAt(kept - 1))) {
            kept--;
        }
        return kept;
    }

    private static void appendQuoted(StringBuilder out, String value, int length) {
        out.append('"');
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                // C0, DEL, C1 (NEL U+0085 included) and the Unicode line and paragraph separators:
                // some log viewers and shippers break lines at each of them.
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
