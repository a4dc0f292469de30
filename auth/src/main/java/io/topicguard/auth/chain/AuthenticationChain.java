package io.topicguard.auth.chain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The ordered chain of authenticators a CONNECT is walked through: the first {@code allow} or
 * {@code deny} decides; when every authenticator ignores the client the result is
 * {@link ChainResult.Outcome#NO_ANSWER} and the caller applies its anonymous rule.
 *
 * <p>Walks run on the chain's own worker threads with a bounded queue, so a network thread that
 * calls {@link #authenticate} never blocks: when the queue is full the returned future is
 * already complete with {@link ChainResult.Outcome#BUSY}. Each step's answer and latency are
 * recorded in the result, which prints as one line for the log ({@link ChainResult#trace()}).
 *
 * <pre>{@code
 * AuthenticationChain chain = new AuthenticationChain(authenticators, 4, 1000);
 * chain.authenticate(credentials).thenAcceptAsync(result -> ..., channel.eventLoop());
 * }</pre>
 *
 * Thread-safe. {@link #close()} stops the workers and closes the authenticators.
 */
public final class AuthenticationChain implements AutoCloseable {

    private static final AtomicInteger CHAINS = new AtomicInteger();

    private final List<Authenticator> authenticators;
    private final ThreadPoolExecutor workers;
    private final LongSupplier nanoTime;

    /**
     * @param workers       threads walking the chain at once (blocking HTTP calls and slow hashes
     *                      each hold one)
     * @param queueCapacity walks that may wait for a worker before new ones are answered BUSY
     */
    public AuthenticationChain(List<Authenticator> authenticators, int workers, int queueCapacity) {
        this(authenticators, workers, queueCapacity, System::nanoTime);
    }

    AuthenticationChain(List<Authenticator> authenticators, int workers, int queueCapacity, LongSupplier nanoTime) {
        this.authenticators = List.copyOf(authenticators);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), threads("topicguard-auth-" + CHAINS.incrementAndGet() + "-"),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** The authenticators, in the order they are asked. */
    public List<Authenticator> authenticators() {
        return authenticators;
    }

    /** The {@code password-file} links, in chain order: what a reloader keeps up to date. */
    public List<PasswordFileAuthenticator> passwordFiles() {
        List<PasswordFileAuthenticator> files = new ArrayList<>();
        for (Authenticator a : authenticators) {
            Authenticator inner = a instanceof Authenticators.Renamed r ? r.delegate() : a;
            if (inner instanceof PasswordFileAuthenticator p) {
                files.add(p);
            }
        }
        return List.copyOf(files);
    }

    /**
     * Walks the chain for {@code credentials} on a worker thread. Never blocks and never
     * completes exceptionally: a full queue (or a closed chain) is {@link ChainResult.Outcome#BUSY}.
     */
    public CompletableFuture<ChainResult> authenticate(ConnectCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        CompletableFuture<ChainResult> result = new CompletableFuture<>();
        try {
            workers.execute(() -> result.complete(walk(credentials)));
        } catch (RejectedExecutionException e) {
            result.complete(ChainResult.busy());
        }
        return result;
    }

    /** Walks the chain on the calling thread: for {@code check --explain}, which has no event loop to protect. */
    public ChainResult authenticateNow(ConnectCredentials credentials) {
        return walk(Objects.requireNonNull(credentials, "credentials"));
    }

    private ChainResult walk(ConnectCredentials credentials) {
        List<ChainStep> steps = new ArrayList<>(authenticators.size());
        for (Authenticator authenticator : authenticators) {
            long start = nanoTime.getAsLong();
            Answer answer;
            try {
                answer = Objects.requireNonNull(authenticator.authenticate(credentials), "answer");
            } catch (RuntimeException e) {
                // A bug or an unexpected failure of the source: like an unreachable source, it knows nothing of the client.
                answer = Answer.ignore("failed: " + e);
            }
            steps.add(new ChainStep(authenticator.name(), answer, Duration.ofNanos(nanoTime.getAsLong() - start)));
            if (answer instanceof Answer.Allow) {
                return new ChainResult(ChainResult.Outcome.ALLOWED, steps);
            }
            if (answer instanceof Answer.Deny) {
                return new ChainResult(ChainResult.Outcome.DENIED, steps);
            }
        }
        return new ChainResult(ChainResult.Outcome.NO_ANSWER, steps);
    }

    /** Stops accepting walks, lets running ones finish, and closes every authenticator. */
    @Override
    public void close() {
        workers.shutdown();
        for (Authenticator authenticator : authenticators) {
            authenticator.close();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
