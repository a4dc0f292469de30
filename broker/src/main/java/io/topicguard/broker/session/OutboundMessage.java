package io.topicguard.broker.session;

import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * One message on its way to one session, after routing: the QoS is already the minimum of the
 * publication's and the subscription's (MQTT-3.8.4-8), the retain flag already follows
 * retain-as-published, and {@code subscriptionIds} holds the identifiers of every matching
 * subscription of this client (MQTT-3.3.4-3/4).
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties, int[] subscriptionIds) {

    public OutboundMessage {
        properties = properties == null ? MqttProperties.NO_PROPERTIES : properties;
        subscriptionIds = subscriptionIds == null ? new int[0] : subscriptionIds;
    }
}
