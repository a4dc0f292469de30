package io.topicguard.broker.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.topicguard.auth.password.PasswordFile;
import io.topicguard.auth.password.PasswordFileException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verifies CONNECT passwords against the password file (docs/semantics.md, The password file) on a bounded pool, never on
 * a network event loop (docs/semantics.md, In the broker), and remembers successful verifications so that a reconnect
 * storm costs one HMAC per client instead of one deliberately slow hash.
 *
 * <p>The cache is keyed by HMAC-SHA256(process-random key, length(username) ‖ username ‖ password): the plaintext
 * is never stored, and the key never leaves this process, so a heap dump does not give an
 * offline-guessable hash either. Entries expire after a while and are all dropped whenever
 * {@link #replace} installs a new version of the file: the broker that uses this authenticator
 * watches the file and reloads it (one watcher, one reload path), so a removed user or a changed
 * password takes effect at once.
 *
 * <p>Thread-safe. {@link #close()} stops the pool.
 */
public final class PasswordAuthenticator implements AutoCloseable {

    /** The outcome the broker turns into a CONNACK. */
    public enum Result {
        OK,
        /** Unknown user or wrong password: the two are deliberately not told apart to the client. */
        BAD_CREDENTIALS,
        /** The verification queue is full: the client should retry later. */
        BUSY
    }

    /** How one username/password pair is checked; {@link PasswordFile#verify} in production. */
    @FunctionalInterface
    interface Verifier {
        PasswordFile.Verification verify(String username, byte[] password);
    }

    /** Told of every verification outcome (metrics); called on the verifying thread, must be quick. */
    @FunctionalInterface
    public interface Observer {
        /** @param nanos time spent verifying, 0 for a cached success or a refused empty password */
        void verified(PasswordFile.Verification outcome, long nanos);
    }

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final Path file;
    private final ThreadPoolExecutor pool;
    private final Cache<String, Boolean> verified;
    private final byte[] cacheKey = new byte[32];
    private final ThreadLocal<Mac> macs;
    private volatile Verifier verifier;
    private volatile int entries;
    private volatile Observer observer = (outcome, nanos) -> { };

    PasswordAuthenticator(Path file, Verifier verifier, int entries, int threads, int queueCapacity, Duration cacheTtl) {
        this.file = file;
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.entries = entries;
        new SecureRandom().nextBytes(cacheKey);
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.verified = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).build();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
                r -> daemon(r, "topicguard-passwords-" + THREAD_NUMBER.incrementAndGet()));
    }

    /**
     * Loads {@code file}; the broker given this authenticator watches and reloads it.
     *
     * @throws PasswordFileException naming the file when it is missing, unreadable or malformed
     */
    public static PasswordAuthenticator load(Path file) throws PasswordFileException {
        PasswordFile passwords = PasswordFile.load(file);
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
        return new PasswordAuthenticator(file, passwords::verify, passwords.size(), threads, 1_024, Duration.ofMinutes(10));
    }

    /** Number of users in the file as last loaded. */
    public int entries() {
        return entries;
    }

    /** The password file, for log lines. */
    public Path file() {
        return file;
    }

    /**
     * Checks a CONNECT's credentials. A cached success completes at once on the calling thread;
     * everything else runs on the pool, so the caller must continue on its own event loop.
     *
     * @param password the CONNECT password, or null when the client sent none
     */
    public CompletableFuture<Result> verify(String username, byte[] password) {
        if (password == null || password.length == 0) {
            // docs/semantics.md, The password file: a zero-length password never authenticates; no need to hash anything.
            observer.verified(PasswordFile.Verification.BAD_PASSWORD, 0);
            return CompletableFuture.completedFuture(Result.BAD_CREDENTIALS);
        }
        String key = cacheKey(username, password);
        if (verified.getIfPresent(key) != null) {
            observer.verified(PasswordFile.Verification.OK, 0);
            return CompletableFuture.completedFuture(Result.OK);
        }
        Verifier current = verifier;
        byte[] copy = password.clone();
        try {
            return CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                PasswordFile.Verification outcome = current.verify(username, copy);
                observer.verified(outcome, System.nanoTime() - start);
                boolean ok = outcome == PasswordFile.Verification.OK;
                if (ok && current == verifier) {
                    // Only cache against the file the check ran on: a reload in between wins.
                    verified.put(key, Boolean.TRUE);
                }
                return ok ? Result.OK : Result.BAD_CREDENTIALS;
            }, pool);
        } catch (RejectedExecutionException full) {
            return CompletableFuture.completedFuture(Result.BUSY);
        }
    }

    /** Installs {@code next} as the observer of every verification from now on. */
    public void observer(Observer next) {
        this.observer = Objects.requireNonNull(next, "observer");
    }

    /**
     * Uses {@code passwords} from now on and forgets every cached success (a hot reload that
     * already read and validated the file).
     */
    public void replace(PasswordFile passwords) {
        replace(passwords::verify, passwords.size());
    }

    /** Swaps the verifier and forgets every cached success. */
    void replace(Verifier next, int size) {
        verifier = next;
        entries = size;
        verified.invalidateAll();
    }

    /** Cached successes, for tests. */
    long cachedEntries() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    String cacheKey(String username, byte[] password) {
        Mac mac = macs.get();
        // Length-prefixed, not separated: a username may hold NUL (the decoder lets it through), and
        // with a separator ("u\0p", "q") would share the cache entry of ("u", "p\0q").
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        mac.update(java.nio.ByteBuffer.allocate(Integer.BYTES).putInt(user.length).array());
        mac.update(user);
        mac.update(password);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
