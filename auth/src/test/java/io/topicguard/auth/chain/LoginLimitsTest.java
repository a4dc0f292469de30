package io.topicguard.auth.chain;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The chain's defences against login floods: cancelled walks leave the queue, and per-address and per-username limits. */
class LoginLimitsTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(1);
    private AuthenticationChain chain;

    /** Blocks the user "slow" until released; denies everyone else. */
    private final Authenticator source = new Authenticator() {
        @Override
        public String name() {
            return "source";
        }

        @Override
        public Answer authenticate(ConnectCredentials c) {
            asked.add(c.clientId());
            if ("slow".equals(c.username())) {
                blocked.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Answer.allow();
            }
            return Answer.deny("wrong password");
        }
    };

    @AfterEach
    void close() {
        release.countDown();
        chain.close();
    }

    private static ConnectCredentials from(int lastByte, String username, String clientId) throws Exception {
        return new ConnectCredentials(username, "pw".getBytes(StandardCharsets.UTF_8), clientId,
                InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) lastByte}), null, "tcp");
    }

    @Test
    void aWalkCancelledWhileQueuedLeavesTheQueueAndIsNeverAsked() throws Exception {
        chain = new AuthenticationChain(List.of(source), 1, 5);
        chain.authenticate(from(1, "slow", "running"));
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<ChainResult> queued = chain.authenticate(from(2, "someone", "gone"));
        assertThat(chain.queued()).isEqualTo(1);

        queued.cancel(false);
        assertThat(chain.queued()).as("out of the queue at once").isZero();
        release.countDown();
        CompletableFuture<ChainResult> later = chain.authenticate(from(3, "someone", "after"));
        assertThat(later.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(ChainResult.Outcome.DENIED);
        assertThat(asked).containsExactly("running", "after");
    }

    @Test
    void anAddressThatFailedMayHoldOnlyItsShareOfTheWorkers() throws Exception {
        chain = new AuthenticationChain(List.of(source), 2, 10, new LoginLimits(1, 100, 100, Duration.ofSeconds(1)));
        assertThat(chain.authenticate(from(1, "wrong", "failed")).get(5, TimeUnit.SECONDS).outcome()).isEqualTo(ChainResult.Outcome.DENIED);
        chain.authenticate(from(1, "slow", "first"));
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();

        ChainResult second = chain.authenticate(from(1, "other", "second")).get(5, TimeUnit.SECONDS);
        assertThat(second.outcome()).isEqualTo(ChainResult.Outcome.BUSY);
        assertThat(second.trace()).isEqualTo("busy (too many authentications running for 10.0.0.1, which failed recently)");
        assertThat(chain.authenticate(from(2, "other", "elsewhere")).get(5, TimeUnit.SECONDS).outcome())
                .as("another address finds the free worker").isEqualTo(ChainResult.Outcome.DENIED);
        assertThat(asked).doesNotContain("second");
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> chain.authenticate(from(1, "other", "again")).get().outcome()
                == ChainResult.Outcome.DENIED);
    }

    @Test
    void oneAddressMayNotFillTheQueue() throws Exception {
        chain = new AuthenticationChain(List.of(source), 1, 10, new LoginLimits(10, 2, 100, Duration.ofSeconds(1)));
        chain.authenticate(from(1, "slow", "running"));
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        chain.authenticate(from(1, "other", "waiting"));
        ChainResult third = chain.authenticate(from(1, "other", "third")).get(5, TimeUnit.SECONDS);
        assertThat(third.trace()).isEqualTo("busy (too many authentications waiting from 10.0.0.1)");
        assertThat(chain.authenticate(from(2, "other", "elsewhere")).isDone()).as("queued, not refused").isFalse();
    }

    @Test
    void failedAttemptsBackOffPerAddressAndPerUsernameAndComeBackWithTime() throws Exception {
        AtomicLong now = new AtomicLong();
        chain = new AuthenticationChain(List.of(source), 1, 10, new LoginLimits(10, 10, 3, Duration.ofMinutes(1)), now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(chain.authenticate(from(1, "u" + i, "guess-" + i)).get(5, TimeUnit.SECONDS).outcome()).isEqualTo(ChainResult.Outcome.DENIED);
        }
        ChainResult fourth = chain.authenticate(from(1, "u9", "guess-4")).get(5, TimeUnit.SECONDS);
        assertThat(fourth.outcome()).isEqualTo(ChainResult.Outcome.BUSY);
        assertThat(fourth.trace()).startsWith("busy (too many failed attempts from 10.0.0.1");

        // One username guessed from three addresses: its own budget runs out too.
        for (int i = 0; i < 3; i++) {
            assertThat(chain.authenticate(from(10 + i, "target", "spread-" + i)).get(5, TimeUnit.SECONDS).outcome())
                    .isEqualTo(ChainResult.Outcome.DENIED);
        }
        assertThat(chain.authenticate(from(20, "target", "spread-4")).get(5, TimeUnit.SECONDS).outcome()).isEqualTo(ChainResult.Outcome.BUSY);
        assertThat(chain.authenticate(from(20, "bystander", "other-user")).get(5, TimeUnit.SECONDS).outcome())
                .isEqualTo(ChainResult.Outcome.DENIED);

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(chain.authenticate(from(1, "u9", "a-minute-later")).get(5, TimeUnit.SECONDS).outcome())
                .as("one attempt regained").isEqualTo(ChainResult.Outcome.DENIED);
        assertThat(asked).doesNotContain("guess-4", "spread-4");
    }
}
