/**
 * MQTT sessions (MQTT 5.0 §4.1): subscriptions, in-flight QoS 1/2 messages and their redelivery,
 * the queue of a disconnected persistent session, will messages with their delay, session expiry
 * and takeover. Independent of Netty: a session talks to its connection through
 * {@link io.topicguard.broker.session.SessionOutput}.
 */
package io.topicguard.broker.session;
