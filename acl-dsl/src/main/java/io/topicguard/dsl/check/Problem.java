package io.topicguard.dsl.check;

/**
 * A problem with a literal, in words.
 *
 * @param offset where in the checked string the problem is (UTF-16 index), or -1 when it is the
 *               string as a whole
 * @param hint   a suggested fix, or null
 */
public record Problem(String message, int offset, String hint) {

    public static Problem whole(String message, String hint) {
        return new Problem(message, -1, hint);
    }
}
