/**
 * Imports EMQX's acl.conf: the grammar {@code EmqxAcl.g4} reads Erlang terms,
 * {@link io.topicguard.dsl.imports.emqx.TermBuilder} makes {@link io.topicguard.dsl.imports.emqx.Term}s
 * of them, and {@link io.topicguard.dsl.imports.emqx.EmqxRules} gives them their meaning.
 */
package io.topicguard.dsl.imports.emqx;
