package io.topicguard.engine.who;

import io.topicguard.engine.ClientInfo;

/**
 * A compiled who-expression (docs/language.md): decides once, at bind time, whether a statement is
 * about a client. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface WhoPredicate {

    /** Whether the expression holds for {@code client}. */
    boolean test(ClientInfo client);
}
