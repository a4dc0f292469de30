/**
 * The embeddable broker: {@link io.topicguard.broker.server.Broker} starts the listeners described
 * by a {@link io.topicguard.broker.server.BrokerConfig}, wires sessions, routing and the policy
 * together, and holds what is in force: the policy of a {@link io.topicguard.auth.reload.PolicySource}
 * (file and format) and the password file, kept up to date by the shared
 * {@link io.topicguard.auth.reload.Reloader} — on file changes, on SIGHUP, and on
 * {@link io.topicguard.broker.server.Broker#reload()} — with every swap re-binding the connections. Tests, the command line and the benchmarks'
 * load generator all start it this way.
 */
package io.topicguard.broker.server;
