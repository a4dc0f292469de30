package io.topicguard.broker.auth;

import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Subscription;

import java.util.Objects;

/**
 * A client's answers with its {@link Admission} applied: a superuser admission allows every
 * valid publish, subscribe and delivery, as the policy's {@code superuser} statement does (an
 * invalid topic or filter stays {@code deny (invalid)}, and connect — bans — is the policy's).
 * Used for access controls that do not apply admissions themselves.
 */
final class AdmittedAccess implements ClientAccess {

    private final ClientAccess policy;
    private final Admission admission;
    private final Decision superuser;

    AdmittedAccess(ClientAccess policy, Admission admission) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.superuser = admission.superuser() ? admission.superuserDecision() : null;
    }

    /** {@code decision}, or the superuser allow when the admission makes the client one and the question was valid. */
    static Decision asAdmitted(Decision decision, Decision superuser) {
        return superuser == null || decision.reason() == Reason.INVALID || decision.reason() == Reason.SUPERUSER ? decision : superuser;
    }

    @Override
    public ClientInfo client() {
        return policy.client();
    }

    @Override
    public Admission admission() {
        return admission;
    }

    @Override
    public Decision connect() {
        return policy.connect();
    }

    @Override
    public Decision publish(String topic, int qos, boolean retain) {
        return asAdmitted(policy.publish(topic, qos, retain), superuser);
    }

    @Override
    public Decision subscribe(String filter, int qos) {
        return asAdmitted(policy.subscribe(filter, qos), superuser);
    }

    @Override
    public Decision deliver(String topic, Subscription subscription) {
        return asAdmitted(policy.deliver(topic, subscription), superuser);
    }

    @Override
    public boolean disconnectOnDeny() {
        return policy.disconnectOnDeny();
    }

    @Override
    public boolean refusePartialSubscriptions() {
        return policy.refusePartialSubscriptions();
    }
}
