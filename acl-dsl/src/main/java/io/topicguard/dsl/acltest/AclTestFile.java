package io.topicguard.dsl.acltest;

import java.util.List;
import java.util.Objects;

/**
 * A parsed test file: its expectations in the order written.
 *
 * @param displayName the file's name as given, used in positions
 */
public record AclTestFile(String displayName, List<Expectation> expectations) {

    public AclTestFile {
        Objects.requireNonNull(displayName, "displayName");
        expectations = List.copyOf(expectations);
    }
}
