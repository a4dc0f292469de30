package io.topicguard.dsl.ast;

/**
 * {@code client rules}: where in first-match order the rules carried by a client's authentication
 * (a JWT's {@code acl} claim, an HTTP authentication answer's {@code acl} field) are evaluated. A
 * policy has at most one; without it, carried rules are ignored (docs/semantics.md, Client rules).
 */
public record ClientRulesStatement(SourcePosition position, String text) implements Statement {
}
