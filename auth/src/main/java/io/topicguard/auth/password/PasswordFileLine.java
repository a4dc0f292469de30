package io.topicguard.auth.password;

/**
 * How mosquitto reads one line of a password file, shared by the loader and the editor so both
 * agree on which line belongs to which user.
 */
final class PasswordFileLine {

    private PasswordFileLine() {
    }

    /**
     * Whether the line carries no entry: blank, or a {@code #} comment. mosquitto ignores such
     * lines; leading whitespace before {@code #} is tolerated here too.
     */
    static boolean isBlankOrComment(String line) {
        String trimmed = trim(line);
        return trimmed.isEmpty() || trimmed.charAt(0) == '#';
    }

    /** The username of an entry line (trimmed as mosquitto trims it), or null when there is no ':'. */
    static String username(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? null : trim(line.substring(0, colon));
    }

    /** The hash field of an entry line (trimmed), or null when there is no ':'. */
    static String hash(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? null : trim(line.substring(colon + 1));
    }

    /**
     * mosquitto's {@code misc__trimblanks}: strips spaces, tabs, CR and LF at both ends, which is
     * what makes CRLF files and trailing whitespace harmless.
     */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
