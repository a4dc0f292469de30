/**
 * Who-expressions compiled for evaluation at bind time ({@link io.topicguard.engine.who.WhoCompiler})
 * and indexed ({@link io.topicguard.engine.who.WhoIndex}) by exact username, client id, CN and
 * listener (hash), by address block (a prefix trie of the peer address) and by the literal a
 * regex needs (a substring trie), so that binding a client costs time proportional to the
 * statements that can apply to it, not to the policy's size.
 * Internal to the engine: not part of the library API.
 */
package io.topicguard.engine.who;
