package io.topicguard.auth.chain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * How much verification work one source address and one username may cause, so that a flood of
 * wrong passwords cannot lock everyone else out of a chain whose links are deliberately slow:
 *
 * <ul>
 *   <li>each failed walk (a deny, or a username no link knew) spends one token of the address's
 *       and one of the username's bucket; a bucket holds {@code burst} tokens and regains one
 *       every {@code refill}; with an empty bucket nothing is verified;</li>
 *   <li>an address that failed recently (its bucket is not full) may have at most
 *       {@code runningPerFailingAddress} walks running at once: its other walks are answered
 *       busy when they reach a worker, so the other workers stay free for everyone else;</li>
 *   <li>one address may have at most {@code pendingPerAddress} walks waiting or running.</li>
 * </ul>
 *
 * A CONNECT over a limit is answered "server busy" (the client should retry later) and costs no
 * verification. Addresses that do not fail are not slowed down (a fleet behind one NAT address
 * connects at full speed), and a client whose password verified recently is answered from the
 * password file's cache before any limit is asked. Thread-safe; the state of an address or
 * username is forgotten after a while of quiet, so memory stays bounded.
 *
 * @param runningPerFailingAddress walks of an address that failed recently running at once
 * @param pendingPerAddress        walks of one address waiting or running at once
 * @param burst                    failed attempts an address or a username may make in a row
 * @param refill                   how long it takes to regain one failed attempt
 */
public record LoginLimits(int runningPerFailingAddress, int pendingPerAddress, int burst, Duration refill) {

    /** No limit: every walk is queued (until the chain's queue is full). */
    public static final LoginLimits NONE = new LoginLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofNanos(1));

    public LoginLimits {
        if (runningPerFailingAddress < 1 || pendingPerAddress < 1 || burst < 1) {
            throw new IllegalArgumentException("limits must be at least 1, were " + runningPerFailingAddress + ", " + pendingPerAddress
                    + ", " + burst);
        }
        Objects.requireNonNull(refill, "refill");
        if (refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException("refill must be positive, was " + refill);
        }
    }

    /**
     * The defaults for a chain of {@code workers} threads and a queue of {@code queueCapacity}:
     * an address that failed recently may hold half of the workers, any address half of the
     * queue, and an address or a username may fail 20 times in a row, then once a second.
     */
    public static LoginLimits defaults(int workers, int queueCapacity) {
        return new LoginLimits(Math.max(1, workers / 2), Math.max(1, queueCapacity / 2), 20, Duration.ofSeconds(1));
    }

    /** The running state of these limits. */
    Tracker tracker(LongSupplier nanoTime) {
        return new Tracker(this, nanoTime);
    }

    /** What each address and username has spent. */
    static final class Tracker {
        private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

        private final LoginLimits limits;
        private final LongSupplier nanoTime;
        private final Cache<InetAddress, Counts> counts;
        private final Cache<Object, Bucket> failures;

        private Tracker(LoginLimits limits, LongSupplier nanoTime) {
            this.limits = limits;
            this.nanoTime = nanoTime;
            // Maintenance on the calling thread: with Caffeine's default executor every login
            // woke a thread of the common pool to tidy up, a hand-off per CONNECT in a storm.
            this.counts = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(FORGET_AFTER).executor(Runnable::run).build();
            this.failures = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(FORGET_AFTER).executor(Runnable::run).build();
        }

        /**
         * Takes a place in the queue for a walk of {@code credentials}, or says why it may not wait.
         *
         * @return null when the walk may be queued (call {@link #finished} once it ends or leaves the queue), else the cause
         */
        @Nullable String admit(ConnectCredentials credentials) {
            InetAddress address = credentials.peerAddress();
            if (tokens(address) < 1 || (credentials.username() != null && tokens(new Username(credentials.username())) < 1)) {
                return "too many failed attempts from " + credentials.peerHost()
                        + (credentials.username() == null ? "" : " or for this username") + "; retry later";
            }
            Counts c = counts.get(address, a -> new Counts());
            if (c.pending.incrementAndGet() > limits.pendingPerAddress()) {
                c.pending.decrementAndGet();
                return "too many authentications waiting from " + credentials.peerHost();
            }
            return null;
        }

        /**
         * Called on the worker about to walk for {@code credentials}: a place to run, or why not
         * (its address failed recently and already holds its share of the workers).
         *
         * @return null when the walk may run (it is then counted until {@link #finished}), else the cause
         */
        @Nullable String start(ConnectCredentials credentials) {
            Counts c = counts.get(credentials.peerAddress(), a -> new Counts());
            boolean failing = tokens(credentials.peerAddress()) < limits.burst();
            if (c.running.incrementAndGet() > limits.runningPerFailingAddress() && failing) {
                c.running.decrementAndGet();
                return "too many authentications running for " + credentials.peerHost() + ", which failed recently";
            }
            return null;
        }

        /**
         * The walk admitted for {@code credentials} is over: it ran ({@code ran}; {@code failed}:
         * it was a deny, or a username no link knew) or it left the queue without running.
         */
        void finished(ConnectCredentials credentials, boolean ran, boolean failed) {
            Counts c = counts.getIfPresent(credentials.peerAddress());
            if (c != null) {
                c.pending.updateAndGet(n -> Math.max(0, n - 1));
                if (ran) {
                    c.running.updateAndGet(n -> Math.max(0, n - 1));
                }
            }
            if (failed) {
                spend(credentials.peerAddress());
                if (credentials.username() != null) {
                    spend(new Username(credentials.username()));
                }
            }
        }

        private double tokens(Object key) {
            Bucket b = failures.getIfPresent(key);
            return b == null ? limits.burst() : b.tokens(nanoTime.getAsLong(), limits);
        }

        private void spend(Object key) {
            failures.get(key, k -> new Bucket(limits.burst(), nanoTime.getAsLong())).spend(nanoTime.getAsLong(), limits);
        }
    }

    /** Walks of one address waiting or running, and running. */
    private static final class Counts {
        final AtomicInteger pending = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
    }

    /** A username as a key of its own (never equal to an address). */
    private record Username(String name) {
    }

    /** A token bucket of failed attempts. */
    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(int tokens, long now) {
            this.tokens = tokens;
            this.at = now;
        }

        synchronized double tokens(long now, LoginLimits limits) {
            tokens = Math.min(limits.burst(), tokens + (double) (now - at) / limits.refill().toNanos());
            at = now;
            return tokens;
        }

        synchronized void spend(long now, LoginLimits limits) {
            tokens(now, limits);
            tokens = Math.max(0, tokens - 1);
        }
    }
}
