package io.topicguard.hivemq;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.connect.WillPublishPacket;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.Subscription;
import io.topicguard.engine.Decision;
import io.topicguard.engine.OnDeny;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Verdict;

/**
 * The publish and subscribe checks: one object for both, since HiveMQ keeps one authorizer
 * provider per extension. A client the authenticator did not admit (which cannot happen while
 * the extension runs) is denied everything.
 *
 * <p>Publish: the policy's publish decision; HiveMQ also asks here for a CONNECT's will, which is
 * authorized as a publish of the will's topic (a denied will refuses the CONNECT, HiveMQ's way).
 * HiveMQ CE disconnects a client after a denied PUBLISH whatever {@code on deny} says.
 *
 * <p>Subscribe: ALLOW grants, PARTIAL grants under {@code partial filter} (each delivery is then
 * checked by {@link DeliveryCheck}) and is refused under {@code partial deny}, DENY is refused
 * (SUBACK 0x87; MQTT 3.1.1: 0x80); under {@code on deny disconnect} a refusal also disconnects.
 * The classification is recorded for the delivery check.
 */
final class PolicyAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {

    private final Enforcement enforcement;

    PolicyAuthorizer(Enforcement enforcement) {
        this.enforcement = enforcement;
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        ConnectedClient client = enforcement.client(input.getClientInformation().getClientId());
        PublishPacket publish = input.getPublishPacket();
        if (client == null) {
            output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not authenticated by topicguard");
            return;
        }
        BoundClient binding = client.binding(enforcement.policy());
        Decision decision = binding.publish(publish.getTopic(), publish.getQos().getQosNumber(), publish.getRetain());
        boolean will = publish instanceof WillPublishPacket;
        enforcement.counts().count(will ? "will" : "publish", decision.verdict());
        if (decision.allowed()) {
            output.authorizeSuccessfully();
            return;
        }
        enforcement.denials().denied(client.info(), will ? "will" : "publish", publish.getTopic(), decision);
        if (!will && binding.policy().onDeny() == OnDeny.DISCONNECT) {
            output.disconnectClient(DisconnectReasonCode.NOT_AUTHORIZED, "not authorized");
        } else {
            output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not authorized");
        }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        ConnectedClient client = enforcement.client(input.getClientInformation().getClientId());
        if (client == null) {
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not authenticated by topicguard");
            return;
        }
        Subscription subscription = input.getSubscription();
        Policy policy = enforcement.policy();
        BoundClient binding = client.binding(policy);
        GrantedFilter granted = GrantedFilter.classify(subscription.getTopicFilter(), subscription.getQos().getQosNumber(), binding);
        // Recorded before HiveMQ adds the subscription, so its retained messages already find it;
        // a refused one is recorded as DENY, so an earlier grant of the same filter delivers no more.
        client.subscribed(granted);
        enforcement.counts().count("subscribe", granted.verdict());
        if (granted.verdict() != Verdict.DENY) {
            output.authorizeSuccessfully();
            return;
        }
        Decision decision = binding.subscribe(subscription.getTopicFilter(), subscription.getQos().getQosNumber());
        enforcement.denials().denied(client.info(), "subscribe", subscription.getTopicFilter(), decision);
        if (policy.onDeny() == OnDeny.DISCONNECT) {
            output.disconnectClient(DisconnectReasonCode.NOT_AUTHORIZED, "not authorized");
        } else {
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not authorized");
        }
    }
}
