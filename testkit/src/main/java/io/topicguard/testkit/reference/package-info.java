/**
 * The oracle: {@link io.topicguard.testkit.reference.ReferenceEvaluator}, the decision rules of
 * docs/semantics.md as a linear scan with its own tiny topic matcher
 * ({@link io.topicguard.testkit.reference.ReferenceTopics}), sharing no matching code with the
 * compiled tries. The engine's property tests (this module's own tests) hold the compiled policy
 * to it, and the benchmarks use it as a baseline.
 */
package io.topicguard.testkit.reference;
