package io.topicguard.auth.chain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.topicguard.auth.password.PasswordFile;
import io.topicguard.auth.password.PasswordFileException;
import org.jspecify.annotations.Nullable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * {@code password-file}: a mosquitto-compatible password file as a link of the chain. An unknown
 * user is ignored (another source may know it); a known user with a wrong, empty or missing
 * password is denied.
 *
 * <p>Successful verifications are remembered, so a reconnect storm costs one HMAC per client
 * instead of one deliberately slow hash. The cache is keyed by HMAC-SHA256(process-random key,
 * length(username) ‖ username ‖ password): the plaintext is never stored and the key never
 * leaves this process, so a heap dump does not give an offline-guessable hash either. Entries
 * expire after a while and are all dropped when {@link #replace} installs a new version of the
 * file, so a removed user or a changed password takes effect at once.
 *
 * <p>The file is reloaded in place ({@link #replace}) by whoever watches it (the
 * {@code io.topicguard.auth.reload.Reloader}), so a chain never has to be rebuilt for a password
 * change. Thread-safe.
 */
public final class PasswordFileAuthenticator implements Authenticator {

    /** How one username/password pair is checked; {@link PasswordFile#verify} in production. */
    @FunctionalInterface
    interface Verifier {
        PasswordFile.Verification verify(String username, byte @Nullable [] password);
    }

    private static final Duration CACHE_TTL = Duration.ofMinutes(10);

    private final Path file;
    private final Cache<String, Boolean> verified;
    private final byte[] cacheKey = new byte[32];
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private volatile Verifier verifier;
    private volatile int entries;

    PasswordFileAuthenticator(Path file, Verifier verifier, int entries, Duration cacheTtl) {
        this.file = Objects.requireNonNull(file, "file");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.entries = entries;
        new SecureRandom().nextBytes(cacheKey);
        // Maintenance on the calling thread (as LoginLimits): not a common-pool task per verified login.
        this.verified = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).executor(Runnable::run).build();
    }

    /**
     * Reads {@code file}.
     *
     * @throws PasswordFileException naming the file (and line) when it is missing, unreadable or malformed
     */
    public static PasswordFileAuthenticator load(Path file) throws PasswordFileException {
        PasswordFile users = PasswordFile.load(file);
        return new PasswordFileAuthenticator(file, users::verify, users.size(), CACHE_TTL);
    }

    @Override
    public String name() {
        return "password-file";
    }

    /** The file, as the configuration names it. */
    public Path file() {
        return file;
    }

    /** Users in the version in use. */
    public int entries() {
        return entries;
    }

    /** Uses {@code next} (a new version of {@link #file()} that already loaded) from now on and forgets every cached success. */
    public void replace(PasswordFile next) {
        replace(next::verify, next.size());
    }

    void replace(Verifier next, int size) {
        verifier = next;
        entries = size;
        verified.invalidateAll();
    }

    @Override
    public Answer authenticate(ConnectCredentials credentials) {
        String username = credentials.username();
        if (username == null) {
            return Answer.ignore("no username");
        }
        byte[] password = credentials.password();
        if (password == null || password.length == 0) {
            // A zero-length password never authenticates: no need to hash anything.
            return verifier.verify(username, password) == PasswordFile.Verification.UNKNOWN_USER
                    ? Answer.ignore("unknown user") : Answer.deny("no password");
        }
        String key = cacheKey(username, password);
        if (verified.getIfPresent(key) != null) {
            return Answer.allow();
        }
        Verifier current = verifier;
        return switch (current.verify(username, password)) {
            case OK -> {
                if (current == verifier) {
                    // Only cache against the file the check ran on: a reload in between wins.
                    verified.put(key, Boolean.TRUE);
                }
                yield Answer.allow();
            }
            case UNKNOWN_USER -> Answer.ignore("unknown user");
            case BAD_PASSWORD -> Answer.deny("wrong password");
        };
    }

    /**
     * {@code allow} when these credentials verified recently (one HMAC, no slow hash), else null:
     * lets the chain admit a reconnecting client without queueing it behind slow verifications.
     */
    @Nullable Answer cachedAllow(ConnectCredentials credentials) {
        String username = credentials.username();
        byte[] password = credentials.password();
        if (username == null || password == null || password.length == 0) {
            return null;
        }
        return verified.getIfPresent(cacheKey(username, password)) != null ? Answer.allow() : null;
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
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(user.length).array());
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
}
