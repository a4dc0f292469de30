/**
 * The authentication chain. A CONNECT's {@link io.topicguard.auth.chain.ConnectCredentials} are
 * walked through an ordered list of {@link io.topicguard.auth.chain.Authenticator}s, each
 * answering {@code allow} (with a superuser flag, carried rules and an expiry), {@code deny} (with
 * a cause for the log) or {@code ignore}; the first allow or deny decides, and when all ignore
 * the caller's anonymous rule does.
 *
 * <p>{@link io.topicguard.auth.chain.AuthenticationChain} runs walks on its own threads behind a
 * bounded queue and answers {@code BUSY} at once when the queue is full, so a network thread
 * never waits; every step is recorded with its answer, cause and latency
 * ({@link io.topicguard.auth.chain.ChainResult#trace()}:
 * {@code password-file: ignore (unknown user) → jwt: deny (expired 2026-12-01T10:00:00Z)}).
 * {@link io.topicguard.auth.chain.Authenticators} builds the chain's links from the configuration
 * file's {@code authentication:} entries.
 */
@NullMarked
package io.topicguard.auth.chain;

import org.jspecify.annotations.NullMarked;
