package io.topicguard.broker.protocol;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.topicguard.broker.auth.DenialLog;
import io.topicguard.broker.log.LimitEvents;
import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.routing.TopicFilters;
import io.topicguard.broker.session.OutboundMessage;
import io.topicguard.dsl.TopicSyntax;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;
import io.topicguard.engine.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE of one connection. Each filter is classified by the policy
 * (docs/semantics.md, Deliver): ALLOW is granted and delivered without further checks; PARTIAL is granted and
 * checked per delivery under {@code partial filter}, refused under {@code partial deny}; DENY is
 * refused (SUBACK 0x87 in MQTT 5, 0x80 in 3.1.1), or ends the connection under
 * {@code on deny disconnect}.
 */
final class SubscribeFlow {

    private final ClientConnection c;

    SubscribeFlow(ClientConnection c) {
        this.c = c;
    }

    void onSubscribe(MqttSubscribeMessage msg) {
        int packetId = msg.idAndPropertiesVariableHeader().messageId();
        boolean v5 = c.v5();
        int subscriptionId = 0;
        if (v5) {
            MqttProperties props = msg.idAndPropertiesVariableHeader().properties();
            MqttProperties.MqttProperty<?> id = props.getProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value());
            if (id != null) {
                subscriptionId = (Integer) id.value();
                if (subscriptionId == 0) {
                    c.protocolError("subscription identifier 0"); // MQTT-3.8.2-1
                    return;
                }
            }
        }
        if (msg.payload().topicSubscriptions().isEmpty()) {
            c.protocolError("SUBSCRIBE without a topic filter"); // MQTT-3.8.3-3
            return;
        }
        List<Integer> codes = new ArrayList<>();
        List<Subscription> sendRetained = new ArrayList<>();
        for (MqttTopicSubscription t : msg.payload().topicSubscriptions()) {
            String filter = t.topicFilter();
            MqttSubscriptionOption option = t.option();
            int qos = option.qos().value();
            TopicFilters.Shared shared = TopicFilters.shared(filter);
            String topicFilter = shared != null ? shared.filter() : filter;
            boolean malformedShare = shared == null && filter.startsWith(TopicFilters.SHARE_PREFIX);
            if (malformedShare || TopicSyntax.filterProblem(topicFilter) != null) {
                codes.add(v5 ? (int) ReasonCodes.TOPIC_FILTER_INVALID & 0xFF : ReasonCodes.V3_SUBACK_FAILURE);
                continue;
            }
            if (filter.length() > c.broker.limits().maximumFilterLength()) {
                c.limitReached(LimitEvents.Limit.FILTER_LENGTH, filter.length() + " characters");
                codes.add(v5 ? (int) ReasonCodes.TOPIC_FILTER_INVALID & 0xFF : ReasonCodes.V3_SUBACK_FAILURE);
                continue;
            }
            if (c.session.subscription(filter) == null && c.session.subscriptionCount() >= c.broker.limits().maximumSubscriptions()) {
                c.limitReached(LimitEvents.Limit.SUBSCRIPTIONS, c.session.subscriptionCount() + " subscriptions held");
                codes.add(v5 ? (int) ReasonCodes.QUOTA_EXCEEDED & 0xFF : ReasonCodes.V3_SUBACK_FAILURE);
                continue;
            }
            if (v5 && shared != null && option.isNoLocal()) {
                c.protocolError("no-local on a shared subscription"); // MQTT-3.8.3-4
                return;
            }
            Decision decision = c.access.subscribe(filter, qos);
            if (decision.reason() == Reason.INVALID && !decision.allowed()) {
                codes.add(v5 ? (int) ReasonCodes.TOPIC_FILTER_INVALID & 0xFF : ReasonCodes.V3_SUBACK_FAILURE);
                continue;
            }
            boolean partial = decision.verdict() == Verdict.PARTIAL;
            if (decision.denied() || (partial && c.access.refusePartialSubscriptions())) {
                if (c.mayLogDenial()) {
                    DenialLog.denied(c.access.client(), "subscribe", filter, decision);
                }
                if (c.access.disconnectOnDeny()) {
                    c.disconnect(ReasonCodes.NOT_AUTHORIZED);
                    return;
                }
                codes.add(v5 ? (int) ReasonCodes.NOT_AUTHORIZED & 0xFF : ReasonCodes.V3_SUBACK_FAILURE);
                continue;
            }
            int retainHandling = v5 ? option.retainHandling().value() : 0;
            Subscription s = new Subscription(c.session.clientId(), filter, topicFilter, shared == null ? null : shared.group(), qos,
                    v5 && option.isNoLocal(), v5 && option.isRetainAsPublished(), retainHandling, subscriptionId, partial);
            Subscription previous = c.session.putSubscription(s);
            c.broker.subscriptions().add(s);
            codes.add(qos);
            // MQTT 5.0 §3.3.1.3 retain handling; shared subscriptions never get retained messages (MQTT 5.0 §4.8.2).
            if (!s.shared() && (retainHandling == 0 || (retainHandling == 1 && previous == null))) {
                sendRetained.add(s);
            }
        }
        c.channel.writeAndFlush(Packets.subAck(packetId, codes));
        for (Subscription s : sendRetained) {
            for (OutboundMessage m : c.broker.router().retainedFor(c.session, s)) {
                c.session.deliver(m);
            }
        }
    }

    void onUnsubscribe(MqttUnsubscribeMessage msg) {
        if (msg.payload().topics().isEmpty()) {
            c.protocolError("UNSUBSCRIBE without a topic filter"); // MQTT-3.10.3-2
            return;
        }
        List<Short> codes = new ArrayList<>();
        for (String filter : msg.payload().topics()) {
            Subscription removed = c.session.removeSubscription(filter);
            if (removed != null) {
                c.broker.subscriptions().remove(removed);
            }
            codes.add((short) (removed != null ? ReasonCodes.SUCCESS : ReasonCodes.NO_SUBSCRIPTION_EXISTED));
        }
        c.channel.writeAndFlush(Packets.unsubAck(msg.idAndPropertiesVariableHeader().messageId(), codes));
    }
}
