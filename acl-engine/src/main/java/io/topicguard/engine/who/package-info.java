/**
 * Who-expressions compiled for evaluation at bind time ({@link io.topicguard.engine.who.WhoCompiler})
 * and indexed by exact username, client id and CN ({@link io.topicguard.engine.who.WhoIndex}), so
 * that binding a client costs time proportional to the statements that can apply to it.
 * Internal to the engine: not part of the library API.
 */
package io.topicguard.engine.who;
