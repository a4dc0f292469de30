/**
 * The compiled form of rule topics: a trie per who-expression keyed by topic level, with hash
 * maps for literal levels, dedicated edges for {@code +}, {@code #} and placeholder shapes, a hash
 * set for {@code eq} topics and a list for {@code any}. Answers "the first rule in file order that
 * matches / contains / overlaps" in a few hash lookups per level (docs/semantics.md, Publish and Subscribe).
 * Internal to the engine: nodes are package-private; only {@link io.topicguard.engine.trie.TopicIndex}
 * and its value types are visible to {@code io.topicguard.engine}.
 */
package io.topicguard.engine.trie;
