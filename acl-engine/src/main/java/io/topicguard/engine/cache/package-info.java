/**
 * An optional, bounded cache of decisions in front of {@link io.topicguard.engine.ClientBinding}:
 * {@link io.topicguard.engine.cache.DecisionCache} and the per-client
 * {@link io.topicguard.engine.cache.CachedBinding} it hands out. Keys carry the identity of the
 * binding (and so of the policy generation), so a reload can never serve an older policy's decision.
 */
@NullMarked
package io.topicguard.engine.cache;

import org.jspecify.annotations.NullMarked;
