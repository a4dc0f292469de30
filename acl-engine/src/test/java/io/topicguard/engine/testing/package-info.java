/**
 * Test fixtures: {@link io.topicguard.engine.testing.PolicyBuilder} for hand-written ASTs,
 * {@link io.topicguard.engine.testing.RandomPolicies} for random policies, clients, topics and
 * filters over a small alphabet (deterministic per {@link java.util.Random}), and a settable clock.
 */
package io.topicguard.engine.testing;
