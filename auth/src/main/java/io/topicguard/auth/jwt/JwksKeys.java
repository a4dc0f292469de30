package io.topicguard.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The keys of a JWKS URL, held in memory. A background thread fetches them at start and every
 * {@code refresh} after, so a token is never verified while waiting on the network unless its
 * key id is unknown (a rotation not yet seen: then one fetch is made right away, at most once per
 * {@code minRefetch}). A failed fetch — unreachable server, an error status, a body that is not a
 * key set — keeps the last good keys and remembers the cause.
 */
final class JwksKeys implements JWKSource<SecurityContext>, AutoCloseable {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final long NEVER = Long.MIN_VALUE;

    private final URI url;
    private final Duration minRefetch;
    private final HttpClient http;
    private final ScheduledExecutorService refresher;
    private final AtomicReference<JWKSet> keys = new AtomicReference<>();
    private final ReentrantLock fetching = new ReentrantLock();
    private final AtomicLong lastFetchNanos = new AtomicLong(NEVER);
    private volatile String lastFailure = "not fetched yet";

    /** Fetches now and then every {@code refresh} on a daemon thread of its own. */
    static JwksKeys start(URI url, Duration refresh) {
        JwksKeys keys = new JwksKeys(url, Duration.ofSeconds(10), true);
        keys.refresher.scheduleWithFixedDelay(keys::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        return keys;
    }

    /** Without background refreshes: tests call {@link #refresh()} themselves. */
    JwksKeys(URI url, Duration minRefetch, boolean background) {
        this.url = url;
        this.minRefetch = minRefetch;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(FETCH_TIMEOUT).build();
        this.refresher = background ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "topicguard-jwks-refresh");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /** Fetches the key set now (after any fetch in progress); true when it replaced the keys held. */
    boolean refresh() {
        fetching.lock();
        try {
            return fetch();
        } finally {
            fetching.unlock();
        }
    }

    /**
     * Fetches now unless a fetch was made less than {@code minRefetch} ago or is in progress:
     * what a token may trigger, so a flood of tokens against an unreachable or slow JWKS is
     * neither a flood of fetches nor a queue of chain workers waiting for one.
     */
    void refreshIfDue() {
        if (due() && fetching.tryLock()) {
            try {
                if (due()) {
                    fetch();
                }
            } finally {
                fetching.unlock();
            }
        }
    }

    /** Whether keys have ever been fetched. */
    boolean hasKeys() {
        return keys.get() != null;
    }

    /** Why the last fetch failed, or null when it succeeded. */
    String lastFailure() {
        return lastFailure;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> found = select(selector);
        if (found.isEmpty()) {
            // A key id not seen yet is most likely a rotation: look once, right away.
            refreshIfDue();
            found = select(selector);
        }
        return found;
    }

    private List<JWK> select(JWKSelector selector) {
        JWKSet set = keys.get();
        return set == null ? List.of() : selector.select(set);
    }

    private boolean due() {
        long last = lastFetchNanos.get();
        return last == NEVER || System.nanoTime() - last >= minRefetch.toNanos();
    }

    /** One fetch, bounded by {@link #FETCH_TIMEOUT} from request to the last byte. Called holding {@link #fetching}. */
    private boolean fetch() {
        lastFetchNanos.set(System.nanoTime());
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(HttpRequest.newBuilder(url).timeout(FETCH_TIMEOUT)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = pending.get(FETCH_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            if (response.statusCode() != 200) {
                lastFailure = url + " answered HTTP " + response.statusCode();
                return false;
            }
            JWKSet set = JWKSet.parse(response.body());
            if (set.getKeys().isEmpty()) {
                lastFailure = url + " holds no keys";
                return false;
            }
            keys.set(set);
            lastFailure = null;
            return true;
        } catch (TimeoutException e) {
            pending.cancel(true);
            lastFailure = url + ": no complete answer in " + FETCH_TIMEOUT.toSeconds() + "s";
            return false;
        } catch (ExecutionException e) {
            lastFailure = url + ": " + e.getCause();
            return false;
        } catch (ParseException e) {
            lastFailure = url + ": not a JWK set: " + e.getMessage();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastFailure = url + ": interrupted";
            return false;
        } catch (RuntimeException e) {
            // A refresh must never die: the scheduled executor would stop calling it.
            lastFailure = url + ": " + e;
            return false;
        }
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }
}
