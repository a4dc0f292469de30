package io.topicguard.auth.chain;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
    private final LoginLimits.Tracker limits;
    private final List<Consumer<ChainResult>> observers = new CopyOnWriteArrayList<>();

    /**
     * Walks that may wait for a worker, unless a constructor says otherwise: enough for a fleet of
     * 10,000 clients reconnecting at once after a restart (a storm of 10,000 CONNECTs with a password
     * file refused a third of them at 1,024). A waiting walk holds its credentials, a few hundred bytes.
     */
    public static final int DEFAULT_QUEUE = 16_384;

    /**
     * A chain of {@code authenticators} with the default workers (one per processor, 2 to 8:
     * blocking HTTP calls and slow hashes each hold one), queue ({@value #DEFAULT_QUEUE}) and
     * {@linkplain LoginLimits#defaults(int, int) limits per address and username}.
     */
    public static AuthenticationChain of(List<Authenticator> authenticators) {
        return of(authenticators, DEFAULT_QUEUE);
    }

    /** As {@link #of(List)}, with {@code queueCapacity} walks that may wait for a worker. */
    public static AuthenticationChain of(List<Authenticator> authenticators, int queueCapacity) {
        int workers = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
        return new AuthenticationChain(authenticators, workers, queueCapacity, LoginLimits.defaults(workers, queueCapacity));
    }

    /**
     * @param workers       threads walking the chain at once (blocking HTTP calls and slow hashes
     *                      each hold one)
     * @param queueCapacity walks that may wait for a worker before new ones are answered BUSY
     */
    public AuthenticationChain(List<Authenticator> authenticators, int workers, int queueCapacity) {
        this(authenticators, workers, queueCapacity, LoginLimits.NONE);
    }

    /** @param limits how much verification one address or username may cause ({@link LoginLimits#NONE}: only the queue bounds it) */
    public AuthenticationChain(List<Authenticator> authenticators, int workers, int queueCapacity, LoginLimits limits) {
        this(authenticators, workers, queueCapacity, limits, System::nanoTime);
    }

    AuthenticationChain(List<Authenticator> authenticators, int workers, int queueCapacity, LongSupplier nanoTime) {
        this(authenticators, workers, queueCapacity, LoginLimits.NONE, nanoTime);
    }

    AuthenticationChain(List<Authenticator> authenticators, int workers, int queueCapacity, LoginLimits limits, LongSupplier nanoTime) {
        this.authenticators = List.copyOf(authenticators);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.limits = Objects.requireNonNull(limits, "limits").tracker(nanoTime);
        this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), threads("topicguard-auth-" + CHAINS.incrementAndGet() + "-"),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** The authenticators, in the order they are asked. */
    public List<Authenticator> authenticators() {
        return authenticators;
    }

    /** Walks waiting for a worker now (a gauge; a full queue answers BUSY). */
    public int queued() {
        return workers.getQueue().size();
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
     *
     * <p>A client whose password the first link ({@code password-file}) verified recently is
     * answered at once on the calling thread (one HMAC), so a reconnect storm does not queue
     * behind slow hashes. Cancelling the returned future (the connection closed while it waited)
     * takes the walk out of the queue: no authenticator is asked for a client that is gone.
     */
    public CompletableFuture<ChainResult> authenticate(ConnectCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        ChainResult cached = cachedAllow(credentials);
        if (cached != null) {
            observed(cached);
            return CompletableFuture.completedFuture(cached);
        }
        String overLimit = limits.admit(credentials);
        if (overLimit != null) {
            ChainResult busy = ChainResult.busy(overLimit);
            observed(busy);
            return CompletableFuture.completedFuture(busy);
        }
        CompletableFuture<ChainResult> result = new CompletableFuture<>();
        Runnable walk = () -> {
            if (result.isDone()) { // cancelled while it waited: the client is gone
                limits.finished(credentials, false, false);
                return;
            }
            String noRoom = limits.start(credentials);
            if (noRoom != null) {
                limits.finished(credentials, false, false);
                ChainResult busy = ChainResult.busy(noRoom);
                observed(busy);
                result.complete(busy);
                return;
            }
            ChainResult walked = null;
            try {
                walked = walk(credentials);
                observed(walked);
            } finally {
                // Released when the work is over, not when the client left: a client that closes
                // while its check runs does not free its place for another one.
                limits.finished(credentials, true, walked != null && failed(walked, credentials));
            }
            result.complete(walked);
        };
        try {
            workers.execute(walk);
        } catch (RejectedExecutionException e) {
            limits.finished(credentials, false, false);
            result.complete(ChainResult.busy());
            observed(result.join());
            return result;
        }
        result.whenComplete((r, e) -> {
            // A walk taken out of the queue never runs: its place is free now, not when a worker reaches it.
            if (result.isCancelled() && workers.remove(walk)) {
                limits.finished(credentials, false, false);
            }
        });
        return result;
    }

    /** A walk that spends a failed attempt: a deny, or a client with a username that no link knew. */
    private static boolean failed(ChainResult result, ConnectCredentials credentials) {
        return result.outcome() == ChainResult.Outcome.DENIED
                || result.outcome() == ChainResult.Outcome.NO_ANSWER && credentials.username() != null;
    }

    private @Nullable ChainResult cachedAllow(ConnectCredentials credentials) {
        if (authenticators.isEmpty()) {
            return null;
        }
        Authenticator first = authenticators.get(0);
        Authenticator inner = first instanceof Authenticators.Renamed r ? r.delegate() : first;
        if (!(inner instanceof PasswordFileAuthenticator passwords)) {
            return null;
        }
        long start = nanoTime.getAsLong();
        Answer answer = passwords.cachedAllow(credentials);
        if (answer == null) {
            return null;
        }
        return new ChainResult(ChainResult.Outcome.ALLOWED,
                List.of(new ChainStep(first.name(), answer, Duration.ofNanos(nanoTime.getAsLong() - start))));
    }

    /**
     * Tells {@code observer} every result from now on (metrics): on the thread that produced it
     * (a worker, or the caller for answers given at once), so it must be quick and must not block.
     */
    public void observe(Consumer<ChainResult> observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    private void observed(ChainResult result) {
        for (Consumer<ChainResult> o : observers) {
            try {
                o.accept(result);
            } catch (RuntimeException e) {
                // An observer's bug must not change an authentication.
            }
        }
    }

    /** Walks the chain on the calling thread: for {@code check --explain}, which has no event loop to protect. */
    public ChainResult authenticateNow(ConnectCredentials credentials) {
        ChainResult result = walk(Objects.requireNonNull(credentials, "credentials"));
        observed(result);
        return result;
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
