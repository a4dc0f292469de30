/**
 * The embeddable broker: {@link io.topicguard.broker.server.Broker} starts the listeners described
 * by a {@link io.topicguard.broker.server.BrokerConfig}, wires sessions, routing and the policy
 * together, and owns what is in force: the {@link io.topicguard.broker.server.PolicySource} (file
 * and format), the password file, and reloading them — on file changes (watched through their
 * directories, so in-place edits and renames are both seen), on SIGHUP, and on
 * {@link io.topicguard.broker.server.Broker#reload()}. Tests, the command line and the benchmarks'
 * load generator all start it this way.
 */
package io.topicguard.broker.server;
