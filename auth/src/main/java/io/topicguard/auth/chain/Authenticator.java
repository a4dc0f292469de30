package io.topicguard.auth.chain;

/**
 * One link of the authentication chain. {@link #authenticate} may block (slow hashes, network
 * calls): the {@link AuthenticationChain} calls it on its own worker threads, never on the
 * caller's. Implementations are thread-safe and answer rather than throw; an exception is taken
 * as {@link Answer.Ignore} with the exception as the cause.
 */
public interface Authenticator extends AutoCloseable {

    /** The name the chain's trace, logs and metrics use: {@code password-file}, {@code jwt}, {@code http}. */
    String name();

    Answer authenticate(ConnectCredentials credentials);

    /** Releases threads or connections the authenticator holds; the default holds none. */
    @Override
    default void close() {
    }
}
