package io.topicguard.broker.auth;

import io.topicguard.auth.password.PasswordFile.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The verification pool and cache, with a counting stand-in for the password file's slow hash. */
class PasswordAuthenticatorTest {

    private final AtomicInteger hashes = new AtomicInteger();
    private PasswordAuthenticator auth;

    private PasswordAuthenticator.Verifier secret(String expected) {
        return (user, password) -> {
            hashes.incrementAndGet();
            return expected.equals(new String(password, StandardCharsets.UTF_8)) ? Verification.OK : Verification.BAD_PASSWORD;
        };
    }

    @AfterEach
    void close() {
        if (auth != null) {
            auth.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void successfulVerificationIsCachedSoTheSlowHashRunsOnce() throws Exception {
        auth = new PasswordAuthenticator(null, secret("s3cret"), 1, 1, 10, Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            assertThat(auth.verify("alice", bytes("s3cret")).get(5, TimeUnit.SECONDS)).isEqualTo(PasswordAuthenticator.Result.OK);
        }
        assertThat(hashes).hasValue(1);
    }

    @Test
    void failedVerificationIsNeverCached() throws Exception {
        auth = new PasswordAuthenticator(null, secret("s3cret"), 1, 1, 10, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(auth.verify("alice", bytes("wrong")).get(5, TimeUnit.SECONDS)).isEqualTo(PasswordAuthenticator.Result.BAD_CREDENTIALS);
        }
        assertThat(hashes).hasValue(3);
        assertThat(auth.cachedEntries()).isZero();
    }

    @Test
    void cacheKeyDependsOnUsernameAndPasswordAndHoldsNoPlaintext() {
        auth = new PasswordAuthenticator(null, secret("x"), 1, 1, 10, Duration.ofMinutes(1));
        String key = auth.cacheKey("alice", bytes("s3cret"));
        assertThat(key).isNotEqualTo(auth.cacheKey("alice", bytes("s3creT")));
        assertThat(key).isNotEqualTo(auth.cacheKey("alicea", bytes("3cret")));  // the 0 separator keeps the pair unambiguous
        assertThat(key).doesNotContain("s3cret").hasSize(64);
    }

    @Test
    void replacingThePasswordFileForgetsCachedSuccesses() throws Exception {
        auth = new PasswordAuthenticator(null, secret("old"), 1, 1, 10, Duration.ofMinutes(1));
        assertThat(auth.verify("alice", bytes("old")).get(5, TimeUnit.SECONDS)).isEqualTo(PasswordAuthenticator.Result.OK);
        auth.replace(secret("new"), 1);
        assertThat(auth.verify("alice", bytes("old")).get(5, TimeUnit.SECONDS)).isEqualTo(PasswordAuthenticator.Result.BAD_CREDENTIALS);
    }

    @Test
    void emptyPasswordNeverAuthenticatesAndCostsNoHash() throws Exception {
        auth = new PasswordAuthenticator(null, (u, p) -> Verification.OK, 1, 1, 10, Duration.ofMinutes(1));
        assertThat(auth.verify("alice", new byte[0]).get()).isEqualTo(PasswordAuthenticator.Result.BAD_CREDENTIALS);
        assertThat(auth.verify("alice", null).get()).isEqualTo(PasswordAuthenticator.Result.BAD_CREDENTIALS);
    }

    @Test
    void fullQueueAnswersBusyInsteadOfWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        auth = new PasswordAuthenticator(null, (u, p) -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Verification.OK;
        }, 1, 1, 1, Duration.ofMinutes(1));
        auth.verify("a", bytes("1"));          // runs, blocked
        started.await(5, TimeUnit.SECONDS);
        auth.verify("b", bytes("2"));          // queued
        assertThat(auth.verify("c", bytes("3")).get()).isEqualTo(PasswordAuthenticator.Result.BUSY);
        release.countDown();
    }

    @Test
    void verificationRunsOffTheCallingThread() throws Exception {
        Thread caller = Thread.currentThread();
        Thread[] ranOn = new Thread[1];
        auth = new PasswordAuthenticator(null, (u, p) -> {
            ranOn[0] = Thread.currentThread();
            return Verification.OK;
        }, 1, 1, 10, Duration.ofMinutes(1));
        auth.verify("alice", bytes("pw")).get(5, TimeUnit.SECONDS);
        assertThat(ranOn[0]).isNotSameAs(caller);
        assertThat(ranOn[0].getName()).startsWith("topicguard-passwords-");
    }
}
