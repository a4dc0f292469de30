/**
 * MQTT 3.1.1 and 5.0 over Netty's codec: one {@link io.topicguard.broker.protocol.MqttConnectionHandler}
 * per connection holding that connection's state, and one class per exchange (CONNECT,
 * PUBLISH, SUBSCRIBE, bad input) that enforces the policy's answers with the reason codes of
 * docs/semantics.md, In the broker.
 */
package io.topicguard.broker.protocol;
