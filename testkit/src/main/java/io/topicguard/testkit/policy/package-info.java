/**
 * Test fixtures: {@link io.topicguard.testkit.policy.PolicyBuilder} for hand-written ASTs,
 * {@link io.topicguard.testkit.policy.RandomPolicies} for random policies, clients, topics and
 * filters over a small alphabet (deterministic per {@link java.util.Random}), and a settable clock.
 */
package io.topicguard.testkit.policy;
