package io.topicguard.jmh.policy;

/** Where in the policy a query's deciding rule sits: a linear scan pays more the later it is. */
public enum Position {
    /** The first rule of the policy decides. */
    EARLY,
    /** The last rule of the policy decides. */
    LATE,
    /** No rule decides; {@code default deny} does, after every rule was considered. */
    MISS
}
