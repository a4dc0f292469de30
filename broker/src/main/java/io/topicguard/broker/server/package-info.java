/**
 * The embeddable broker: {@link io.topicguard.broker.server.Broker} starts the listeners described
 * by a {@link io.topicguard.broker.server.BrokerConfig} and wires sessions, routing and the policy
 * together. Tests, the command line and the benchmarks' load generator all start it this way.
 */
package io.topicguard.broker.server;
