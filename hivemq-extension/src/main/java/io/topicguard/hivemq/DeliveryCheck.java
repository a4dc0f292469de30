package io.topicguard.hivemq;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundOutput;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Verdict;

/**
 * The last check before a message leaves HiveMQ for a client (live, retained, queued or a will):
 * it goes out only when some subscription of the client that matches its topic is ALLOW, or is
 * PARTIAL and the policy's delivery check allows the topic through it. HiveMQ does not say
 * which subscription matched, hence the search over the client's recorded subscriptions; a
 * message that matches none the extension knows of is withheld (fail closed).
 */
final class DeliveryCheck implements PublishOutboundInterceptor {

    private final Enforcement enforcement;

    DeliveryCheck(Enforcement enforcement) {
        this.enforcement = enforcement;
    }

    @Override
    public void onOutboundPublish(PublishOutboundInput input, PublishOutboundOutput output) {
        ConnectedClient client = enforcement.client(input.getClientInformation().getClientId());
        String topic = input.getPublishPacket().getTopic();
        if (client == null) {
            output.preventPublishDelivery();
            return;
        }
        Decision withheld = client.withheld(topic, enforcement.policy());
        if (withheld != null) {
            enforcement.denials().withheld(client.info(), topic, withheld);
            enforcement.counts().count("deliver", Verdict.DENY);
            output.preventPublishDelivery();
        }
    }
}
