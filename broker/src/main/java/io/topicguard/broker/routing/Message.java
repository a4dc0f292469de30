package io.topicguard.broker.routing;

import io.netty.handler.codec.mqtt.MqttProperties;

import java.util.Objects;

/**
 * An application message as published: the topic name, the payload bytes, the publisher's QoS and
 * retain flag, and the MQTT 5 properties that travel with it to subscribers (payload format,
 * message expiry, content type, response topic, correlation data, user properties). Treated as
 * immutable: nothing mutates the array or the properties after construction.
 *
 * @param publisherId client id of the publisher, for no-local (MQTT-3.8.3-3); null for none
 * @param expiresAt   when the message expires, in milliseconds since the epoch, or {@link MessageExpiry#NEVER}
 */
public record Message(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties, String publisherId, long expiresAt) {

    public Message {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        properties = properties == null ? MqttProperties.NO_PROPERTIES : properties;
    }

    /** A message received now: its Message Expiry Interval, if any, counts from this moment. */
    public Message(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties, String publisherId) {
        this(topic, payload, qos, retain, properties, publisherId, MessageExpiry.deadline(properties, System.currentTimeMillis()));
    }

    @Override
    public String toString() {
        return "Message[" + topic + ", qos " + qos + (retain ? ", retained" : "") + ", " + payload.length + " bytes]";
    }
}
