package io.topicguard.dsl.ast;

/** What a rule or the default says. */
public enum Effect {
    ALLOW, DENY
}
