package io.topicguard.broker.session;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.topicguard.broker.auth.ClientAccess;

/**
 * A will message as the client set it in CONNECT (MQTT 5.0 §3.1.3.2). It is authorized as a
 * publish only when it is sent (docs/semantics.md, In the broker), with the binding of the connection that set it.
 *
 * @param delaySeconds MQTT 5 Will Delay Interval; 0 in MQTT 3.1.1
 */
public record Will(String topic, byte[] payload, int qos, boolean retain, MqttProperties properties, long delaySeconds,
                   ClientAccess access) {

    /** This will, authorized from now on by {@code fresh} (a reload re-bound its client). */
    public Will boundTo(ClientAccess fresh) {
        return new Will(topic, payload, qos, retain, properties, delaySeconds, fresh);
    }
}
