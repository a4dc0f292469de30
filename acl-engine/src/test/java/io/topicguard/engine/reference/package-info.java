/**
 * The oracle: {@link io.topicguard.engine.reference.ReferenceEvaluator}, DESIGN.md §4 as a linear
 * scan with its own tiny topic matcher ({@link io.topicguard.engine.reference.ReferenceTopics}),
 * sharing no matching code with the compiled tries. Published in acl-engine's test-jar so the
 * benchmarks can use it as a baseline.
 */
package io.topicguard.engine.reference;
