package io.topicguard.dsl.acltest;

import java.util.Objects;

/**
 * {@code at "FILE:LINE"}: the statement that must decide an expectation.
 *
 * @param file the policy file as the test names it; it matches a deciding file of the same name or
 *             one that ends with {@code /FILE}, so a test says {@code policy.acl:9} whichever
 *             directory the policy is loaded from
 */
public record PinnedLine(String file, int line) {

    public PinnedLine {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("lines are 1-based, got " + line);
        }
    }

    /** Whether the statement at {@code deciderFile:deciderLine} is the one pinned. */
    public boolean matches(String deciderFile, int deciderLine) {
        if (deciderLine != line) {
            return false;
        }
        String a = deciderFile.replace('\\', '/');
        String b = file.replace('\\', '/');
        return a.equals(b) || a.endsWith("/" + b);
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
