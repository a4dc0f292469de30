package io.topicguard.engine;

/** The answer itself. PARTIAL is only ever the answer to a subscribe question (docs/semantics.md, Subscribe). */
public enum Verdict {
    ALLOW, DENY, PARTIAL;

    /** The word printed by {@code topicguard check}: {@code allow}, {@code deny}, {@code partial}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
