/**
 * MQTT clients for integration tests over real sockets: Paho 3.1.1 and 5.0 clients with an inbox
 * that tests await on ({@link io.topicguard.testkit.mqtt.V3Client},
 * {@link io.topicguard.testkit.mqtt.V5Client}), and a raw client on Netty's codec for packets a
 * well-behaved library would never send ({@link io.topicguard.testkit.mqtt.RawMqttClient}).
 */
package io.topicguard.testkit.mqtt;
