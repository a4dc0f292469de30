/**
 * MQTT 3.1.1 and 5.0 over Netty's codec. Each connection's state lives in one
 * {@link io.topicguard.broker.protocol.ClientConnection}; one class per exchange (CONNECT,
 * PUBLISH, SUBSCRIBE, bad input) acts on it and enforces the policy's answers with the reason
 * codes of docs/semantics.md, In the broker. {@link io.topicguard.broker.protocol.Connections} is the broker's one
 * seam into this package: new connections, and what is done to all of them at once (re-bind to a
 * new policy, disconnect some, shut down). Internal: embedders use {@code server.Broker}.
 */
package io.topicguard.broker.protocol;
