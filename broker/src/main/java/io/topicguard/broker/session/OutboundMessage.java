package io.topicguard.broker.session;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.topicguard.broker.routing.MessageExpiry;

/**
 * One message on its way to one session, after routing: the QoS is already the minimum of the
 * publication's and the subscription's (MQTT-3.8.4-8), the retain flag already follows
 * retain-as-published, and {@code subscriptionIds} holds the identifiers of every matching
 * subscription of this client (MQTT-3.3.4-3/4). {@code properties} are the publisher's: the
 * Message Expiry Interval among them is replaced by what remains of it when the message goes out.
 *
 * @param expiresAt when the message expires, in milliseconds since the epoch, or {@link MessageExpiry#NEVER}:
 *                  not sent once passed (MQTT-3.3.2-5)
 * @param frames    the packets of this publication already encoded for other subscribers, while it is being routed;
 *                  null for a message that is not (a retained message, one read back from the store)
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties, int[] subscriptionIds,
                              long expiresAt, SharedFrames frames) {

    public OutboundMessage {
        properties = properties == null ? MqttProperties.NO_PROPERTIES : properties;
        subscriptionIds = subscriptionIds == null ? new int[0] : subscriptionIds;
    }

    public OutboundMessage(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties, int[] subscriptionIds,
                           long expiresAt) {
        this(topic, payload, qos, retain, properties, subscriptionIds, expiresAt, null);
    }

    /** A message received now: its Message Expiry Interval, if any, counts from this moment. */
    public OutboundMessage(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties, int[] subscriptionIds) {
        this(topic, payload, qos, retain, properties, subscriptionIds, MessageExpiry.deadline(properties, System.currentTimeMillis()));
    }
}
