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

    /**
     * Binds a client the authentication chain admitted: as {@link #bind(ClientInfo)}, with the
     * admission's attributes applied (a superuser admission allows every valid publish and
     * subscribe; carried rules apply where a policy-backed access control's policy says
     * {@code client rules}, and are ignored by this default). Re-binding after a reload passes
     * the same admission.
     */
    default ClientAccess bind(ClientInfo client, Admission admission) {
        return admission.equals(Admission.NONE) ? bind(client) : new AdmittedAccess(bind(client), admission);
    }

    /** The production access control: a compiled {@link Policy} and its settings. */
    static AccessControl of(Policy policy) {
        return new PolicyAccessControl(policy, null);
    }
}
