package io.topicguard.dsl.ast;

/** {@code superuser WHO}: matching clients bypass every rule; bans still apply. */
public record SuperuserStatement(Who who, SourcePosition position, String text) implements Statement {
}
