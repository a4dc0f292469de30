/**
 * Where messages go: the subscription trie (one walk per published topic, whatever the number of
 * subscriptions), shared-subscription groups, the retained-message store and MQTT's topic
 * matching rules. Pure data structures: no sockets, no sessions, no policy.
 */
package io.topicguard.broker.routing;
