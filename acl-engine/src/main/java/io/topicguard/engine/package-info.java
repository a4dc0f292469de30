/**
 * The topicguard library API: load a policy ({@link io.topicguard.engine.Policy}), bind a
 * connected client once ({@link io.topicguard.engine.ClientBinding}), and ask connect / publish /
 * subscribe / deliver questions, each answered by a {@link io.topicguard.engine.Decision} that
 * names its reason and the deciding statement (docs/semantics.md, Questions and answers).
 *
 * <pre>{@code
 * Policy policy = Policy.load(Path.of("policy.acl"));          // PolicyLoadException lists every problem
 * ClientBinding client = policy.bind(ClientInfo.builder("sensor-1").username("alice").build());
 * Decision d = client.publish("devices/sensor-1/up", 1, false);
 * System.out.println(d);   // allow (rule, policy.acl:12: allow all to publish, subscribe "devices/${clientid}/#")
 * }</pre>
 *
 * <p>Everything here is immutable and thread-safe; nothing starts threads, opens sockets or logs.
 * Null is never a valid argument or result unless the signature says {@code @Nullable}
 * (JSpecify). {@code cache} holds an optional decision cache and {@code lint} the policy linter;
 * subpackages {@code who} and {@code trie} are the compiled machinery and not part of the API.
 * docs/library.md shows the whole embedding.
 */
@NullMarked
package io.topicguard.engine;

import org.jspecify.annotations.NullMarked;
