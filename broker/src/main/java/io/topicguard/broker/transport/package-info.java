/**
 * How MQTT's bytes reach the broker when the socket does not carry them directly: MQTT over
 * WebSocket ({@link io.topicguard.broker.transport.WebSocketTransport}). Each transport is a few
 * handlers at the head of a listener's pipeline; the MQTT codec and the connection handler after
 * them are the same on every listener.
 */
package io.topicguard.broker.transport;
