package io.topicguard.auth.chain;

import io.topicguard.auth.password.PasswordFile.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The password-file link's cache of successes, with a counting stand-in for the password file's slow hash. */
class PasswordFileAuthenticatorTest {

    private final AtomicInteger hashes = new AtomicInteger();
    private AuthenticationChain chain;

    private PasswordFileAuthenticator.Verifier secret(String expected) {
        return (user, password) -> {
            hashes.incrementAndGet();
            if (password == null || password.length == 0) {
                return Verification.BAD_PASSWORD;
            }
            return expected.equals(new String(password, StandardCharsets.UTF_8)) ? Verification.OK : Verification.BAD_PASSWORD;
        };
    }

    private PasswordFileAuthenticator auth(PasswordFileAuthenticator.Verifier verifier) {
        return new PasswordFileAuthenticator(Path.of("passwd"), verifier, 1, Duration.ofMinutes(1));
    }

    @AfterEach
    void close() {
        if (chain != null) {
            chain.close();
        }
    }

    private static ConnectCredentials alice(String password) {
        return Credentials.of("alice", password, "c1");
    }

    @Test
    void successfulVerificationIsCachedSoTheSlowHashRunsOnce() {
        PasswordFileAuthenticator auth = auth(secret("s3cret"));
        for (int i = 0; i < 5; i++) {
            assertThat(auth.authenticate(alice("s3cret"))).isEqualTo(Answer.allow());
        }
        assertThat(hashes).hasValue(1);
    }

    @Test
    void failedVerificationIsNeverCached() {
        PasswordFileAuthenticator auth = auth(secret("s3cret"));
        for (int i = 0; i < 3; i++) {
            assertThat(auth.authenticate(alice("wrong"))).isEqualTo(Answer.deny("wrong password"));
        }
        assertThat(hashes).hasValue(3);
        assertThat(auth.cachedEntries()).isZero();
    }

    @Test
    void cacheKeyDependsOnUsernameAndPasswordAndHoldsNoPlaintext() {
        PasswordFileAuthenticator auth = auth(secret("x"));
        String key = auth.cacheKey("alice", bytes("s3cret"));
        assertThat(key).isNotEqualTo(auth.cacheKey("alice", bytes("s3creT")));
        assertThat(key).isNotEqualTo(auth.cacheKey("alicea", bytes("3cret")));
        assertThat(key).doesNotContain("s3cret").hasSize(64);
    }

    @Test
    void replacingThePasswordFileForgetsCachedSuccesses() {
        PasswordFileAuthenticator auth = auth(secret("old"));
        assertThat(auth.authenticate(alice("old"))).isEqualTo(Answer.allow());
        auth.replace(secret("new"), 1);
        assertThat(auth.cachedAllow(alice("old"))).isNull();
        assertThat(auth.authenticate(alice("old"))).isEqualTo(Answer.deny("wrong password"));
    }

    @Test
    void emptyPasswordNeverAuthenticatesAndIsNeverCached() {
        PasswordFileAuthenticator auth = auth((u, p) -> p == null || p.length == 0 ? Verification.BAD_PASSWORD : Verification.OK);
        assertThat(auth.authenticate(alice(""))).isEqualTo(Answer.deny("no password"));
        assertThat(auth.authenticate(alice(null))).isEqualTo(Answer.deny("no password"));
        assertThat(auth.cachedEntries()).isZero();
    }

    @Test
    void aCachedSuccessIsAnsweredAtOnceEvenWhenTheChainsQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        PasswordFileAuthenticator auth = auth((u, p) -> {
            if (u.equals("alice")) {
                return Verification.OK;
            }
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Verification.BAD_PASSWORD;
        });
        chain = new AuthenticationChain(List.of(auth), 1, 1);
        assertThat(chain.authenticate(alice("pw")).get(5, TimeUnit.SECONDS).outcome()).isEqualTo(ChainResult.Outcome.ALLOWED);
        chain.authenticate(Credentials.of("slow", "x", "c2"));   // runs, blocked
        started.await(5, TimeUnit.SECONDS);
        chain.authenticate(Credentials.of("slow", "y", "c3"));   // queued: the queue is full now
        assertThat(chain.authenticate(Credentials.of("slow", "z", "c4")).get().outcome()).isEqualTo(ChainResult.Outcome.BUSY);

        var cached = chain.authenticate(alice("pw"));
        assertThat(cached).as("answered on the calling thread, without a queue slot").isCompleted();
        assertThat(cached.get().outcome()).isEqualTo(ChainResult.Outcome.ALLOWED);
        release.countDown();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
