package io.topicguard.hivemq;

import com.hivemq.extension.sdk.api.interceptor.unsubscribe.UnsubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.unsubscribe.parameter.UnsubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.unsubscribe.parameter.UnsubscribeInboundOutput;

/**
 * Forgets a subscription when its client unsubscribes, so the delivery check sees exactly the
 * client's subscriptions. Removed before HiveMQ removes it: a message in between is withheld,
 * never let through by a subscription the client gave up.
 */
final class SubscriptionTracker implements UnsubscribeInboundInterceptor {

    private final Enforcement enforcement;

    SubscriptionTracker(Enforcement enforcement) {
        this.enforcement = enforcement;
    }

    @Override
    public void onInboundUnsubscribe(UnsubscribeInboundInput input, UnsubscribeInboundOutput output) {
        ConnectedClient client = enforcement.client(input.getClientInformation().getClientId());
        if (client != null) {
            input.getUnsubscribePacket().getTopicFilters().forEach(client::unsubscribed);
        }
    }
}
