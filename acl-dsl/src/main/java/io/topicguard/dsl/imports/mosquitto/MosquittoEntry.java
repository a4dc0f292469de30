package io.topicguard.dsl.imports.mosquitto;

/**
 * One {@code topic} or {@code pattern} line of a mosquitto acl_file, as mosquitto reads it.
 *
 * @param user        the {@code user} section it is in, or null for the anonymous section before
 *                    the first {@code user} line (patterns keep it only for warnings: they apply to everyone)
 * @param topic       the topic filter as written (for patterns, with {@code %c}/{@code %u} unexpanded)
 * @param line        1-based line in the file
 * @param column      1-based column of the keyword
 * @param topicColumn 1-based column of the topic
 * @param text        the line as written, without trailing blanks, for explanations
 */
record MosquittoEntry(boolean pattern, String user, Access access, String topic,
                      int line, int column, int topicColumn, String text) {

    /** mosquitto's access types: read = subscribe and delivery, write = publish, deny = neither. */
    enum Access {
        READ, WRITE, READWRITE, DENY;

        static Access fromWord(String word) {
            return switch (word) {
                case "read" -> READ;
                case "write" -> WRITE;
                case "readwrite" -> READWRITE;
                case "deny" -> DENY;
                default -> null;
            };
        }

        boolean grantsWrite() {
            return this == WRITE || this == READWRITE;
        }
    }
}
