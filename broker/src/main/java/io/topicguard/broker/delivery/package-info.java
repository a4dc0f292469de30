/**
 * Routing a publication to sessions under the policy: one copy per client at the highest granted
 * QoS, one member per shared group, per-delivery checks for PARTIAL subscriptions, retained
 * messages on subscribe and wills, all filtered exactly like live messages (docs/semantics.md, Deliver).
 */
package io.topicguard.broker.delivery;
