package io.topicguard.auth.chain;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationChainTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** An authenticator that answers by a function and records that it was asked, and on which thread. */
    private Authenticator answering(String name, Function<ConnectCredentials, Answer> answer) {
        return new Authenticator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Answer authenticate(ConnectCredentials credentials) {
                asked.add(name + "@" + Thread.currentThread().getName());
                return answer.apply(credentials);
            }
        };
    }

    private AuthenticationChain chain(Authenticator... authenticators) {
        AuthenticationChain chain = new AuthenticationChain(List.of(authenticators), 2, 10);
        toClose.add(chain);
        return chain;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private static ChainResult await(CompletableFuture<ChainResult> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theFirstAllowDecidesAndLaterAuthenticatorsAreNotAsked() throws Exception {
        ChainResult result = await(chain(
                answering("password-file", c -> Answer.ignore("unknown user")),
                answering("jwt", c -> Answer.allow()),
                answering("http", c -> Answer.deny("never asked"))).authenticate(Credentials.of("alice", "pw", "c1")));

        assertThat(result.outcome()).isEqualTo(ChainResult.Outcome.ALLOWED);
        assertThat(result.allow()).isEqualTo(Answer.allow());
        assertThat(result.decidingStep().authenticator()).isEqualTo("jwt");
        assertThat(result.trace()).isEqualTo("password-file: ignore (unknown user) → jwt: allow");
        assertThat(asked).extracting(a -> a.substring(0, a.indexOf('@'))).containsExactly("password-file", "jwt");
    }

    @Test
    void aDenyDecidesAndTheTraceNamesEveryStepWithItsCause() throws Exception {
        ChainResult result = await(chain(
                answering("password-file", c -> Answer.ignore("unknown user")),
                answering("jwt", c -> Answer.deny("expired 2026-12-01T10:00:00Z")),
                answering("http", c -> Answer.allow())).authenticate(Credentials.of("alice", "token", "c1")));

        assertThat(result.outcome()).isEqualTo(ChainResult.Outcome.DENIED);
        assertThat(result.allow()).isNull();
        assertThat(result.trace()).isEqualTo("password-file: ignore (unknown user) → jwt: deny (expired 2026-12-01T10:00:00Z)");
        assertThat(result.steps()).extracting(ChainStep::authenticator).containsExactly("password-file", "jwt");
    }

    @Test
    void whenEveryAuthenticatorIgnoresTheCallerDecidesAndAnEmptyChainSaysSo() throws Exception {
        ChainResult all = await(chain(
                answering("password-file", c -> Answer.ignore("unknown user")),
                answering("http", c -> Answer.ignore("HTTP 500"))).authenticate(Credentials.of("bob", "x", "c")));
        assertThat(all.outcome()).isEqualTo(ChainResult.Outcome.NO_ANSWER);
        assertThat(all.decidingStep()).isNull();
        assertThat(all.trace()).isEqualTo("password-file: ignore (unknown user) → http: ignore (HTTP 500)");

        ChainResult none = await(chain().authenticate(Credentials.of(null, null, "anon")));
        assertThat(none.outcome()).isEqualTo(ChainResult.Outcome.NO_ANSWER);
        assertThat(none.trace()).isEqualTo("no authenticators");
    }

    @Test
    void allowAttributesShowInTheTrace() throws Exception {
        ChainResult result = await(chain(answering("jwt", c -> new Answer.Allow(true,
                List.of(new io.topicguard.engine.ClientRule(io.topicguard.engine.ClientRule.Permission.ALLOW,
                        io.topicguard.engine.ClientRule.Action.ALL, "#", false, io.topicguard.engine.ClientRule.ALL_QOS, null)),
                java.time.Instant.parse("2026-12-01T10:00:30Z")))).authenticate(Credentials.of("root", "t", "c")));

        assertThat(result.trace()).isEqualTo("jwt: allow (superuser, 1 rule, until 2026-12-01T10:00:30Z)");
        assertThat(result.allow().superuser()).isTrue();
    }

    @Test
    void anAuthenticatorThatThrowsIsAnIgnoreWithTheExceptionAsCause() throws Exception {
        ChainResult result = await(chain(
                answering("http", c -> {
                    throw new IllegalStateException("boom");
                }),
                answering("password-file", c -> Answer.deny("wrong password"))).authenticate(Credentials.of("a", "b", "c")));

        assertThat(result.trace()).isEqualTo("http: ignore (failed: java.lang.IllegalStateException: boom) → password-file: deny (wrong password)");
    }

    @Test
    void walksRunOnTheChainsThreadsNotTheCallers() throws Exception {
        await(chain(answering("jwt", c -> Answer.allow())).authenticate(Credentials.of("a", "b", "c")));

        assertThat(asked).singleElement().satisfies(a -> assertThat(a).startsWith("jwt@topicguard-auth-"));
    }

    @Test
    void eachStepsLatencyIsMeasuredAroundItsCall() {
        AtomicLong now = new AtomicLong();
        AuthenticationChain chain = new AuthenticationChain(List.of(
                answering("password-file", c -> {
                    now.addAndGet(7_000_000);
                    return Answer.ignore("unknown user");
                }),
                answering("http", c -> {
                    now.addAndGet(2_000_000_000L);
                    return Answer.allow();
                })), 1, 1, now::get);
        toClose.add(chain);

        ChainResult result = chain.authenticateNow(Credentials.of("a", "b", "c"));

        assertThat(result.steps()).extracting(ChainStep::latency).containsExactly(Duration.ofMillis(7), Duration.ofSeconds(2));
    }

    @Test
    void theDefaultChainHoldsAStormOfTenThousandLoginsWithoutAnsweringBusy() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AuthenticationChain chain = AuthenticationChain.of(List.of(answering("password-file", c -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.allow();
        })));
        toClose.add(chain);

        // A fleet reconnecting after a restart: every client its own user, from 64 addresses.
        List<CompletableFuture<ChainResult>> storm = new ArrayList<>();
        try {
            for (int i = 0; i < 10_000; i++) {
                java.net.InetAddress from = java.net.InetAddress.getByAddress(new byte[] {127, 0, 1, (byte) (1 + i % 64)});
                storm.add(chain.authenticate(new ConnectCredentials("device-" + i, "pw".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "c" + i, from, null, "tcp")));
            }
            assertThat(storm).as("none answered busy while all wait").noneMatch(CompletableFuture::isDone);
        } finally {
            release.countDown();
        }
        for (CompletableFuture<ChainResult> login : storm) {
            assertThat(await(login).outcome()).isEqualTo(ChainResult.Outcome.ALLOWED);
        }
    }

    @Test
    void aFullQueueAnswersBusyAtOnceWithoutBlockingTheCaller() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AuthenticationChain chain = new AuthenticationChain(List.of(answering("http", c -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answer.allow();
        })), 1, 1);
        toClose.add(chain);

        CompletableFuture<ChainResult> running = chain.authenticate(Credentials.of("a", "1", "c1"));
        assertThat(started.await(10, TimeUnit.SECONDS)).as("the first walk started").isTrue();
        CompletableFuture<ChainResult> queued = chain.authenticate(Credentials.of("a", "1", "c2"));
        try {
            // Asked from another thread, so a chain that made its caller wait fails here instead of hanging the test.
            CompletableFuture<ChainResult> refused = CompletableFuture.supplyAsync(() -> chain.authenticate(Credentials.of("a", "1", "c3")))
                    .get(10, TimeUnit.SECONDS);

            assertThat(refused).as("answered before any worker is free").isDone();
            assertThat(refused.join().outcome()).isEqualTo(ChainResult.Outcome.BUSY);
            assertThat(refused.join().trace()).isEqualTo("busy (authentication queue full)");
            assertThat(running).isNotDone();
            assertThat(queued).isNotDone();
        } finally {
            release.countDown();
        }
        assertThat(await(running).outcome()).isEqualTo(ChainResult.Outcome.ALLOWED);
        assertThat(await(queued).outcome()).isEqualTo(ChainResult.Outcome.ALLOWED);
        assertThat(await(chain.authenticate(Credentials.of("a", "1", "c4"))).outcome())
                .as("room again once the queue drained").isEqualTo(ChainResult.Outcome.ALLOWED);
    }

    @Test
    void aClosedChainClosesItsAuthenticatorsAndAnswersBusy() throws Exception {
        List<String> closed = new CopyOnWriteArrayList<>();
        Authenticator closing = new Authenticator() {
            @Override
            public String name() {
                return "jwt";
            }

            @Override
            public Answer authenticate(ConnectCredentials credentials) {
                return Answer.allow();
            }

            @Override
            public void close() {
                closed.add(name());
            }
        };
        AuthenticationChain chain = new AuthenticationChain(List.of(closing), 1, 1);
        chain.close();

        assertThat(closed).containsExactly("jwt");
        assertThat(await(chain.authenticate(Credentials.of("a", "b", "c"))).outcome()).isEqualTo(ChainResult.Outcome.BUSY);
    }
}
