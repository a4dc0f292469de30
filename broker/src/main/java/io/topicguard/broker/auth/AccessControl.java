package io.topicguard.broker.auth;

import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Policy;

/**
 * The broker's seam to the policy: binds a client once, at CONNECT (docs/semantics.md, The client), to the object
 * that answers all of that connection's questions. Implementations are immutable and thread-safe;
 * a reload swaps the whole {@code AccessControl} and re-binds.
 */
@FunctionalInterface
public interface AccessControl {

    /** Evaluates everything about who {@code client} is, once. */
    ClientAccess bind(ClientInfo client);

    /** The production access control: a compiled {@link Policy} and its settings. */
    static AccessControl of(Policy policy) {
        return new PolicyAccessControl(policy, null);
    }
}
