package io.topicguard.dsl.ast;

/** The actions a rule governs; {@code all} in a policy means both. */
public enum Action {
    PUBLISH, SUBSCRIBE
}
