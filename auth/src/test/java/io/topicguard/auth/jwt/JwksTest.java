package io.topicguard.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.topicguard.auth.chain.Answer;
import io.topicguard.auth.chain.Credentials;
import io.topicguard.auth.testing.LocalHttpServer;
import io.topicguard.auth.testing.LocalHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.topicguard.auth.jwt.Tokens.NOW;
import static io.topicguard.auth.jwt.Tokens.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keys from a JWKS served by a real local HTTP server: caching, rotation, and the server going away. */
class JwksTest {

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private KeyPair first;
    private KeyPair second;
    private final AtomicReference<String> served = new AtomicReference<>();
    private LocalHttpServer server;
    private JwksKeys keys;

    @BeforeEach
    void serve() throws Exception {
        first = Tokens.rsa(0);
        second = Tokens.rsa(1);
        served.set(jwks(first, "k1"));
        server = new LocalHttpServer(null, request -> new Response(200, served.get()));
    }

    @AfterEach
    void stop() {
        server.close();
        if (keys != null) {
            keys.close();
        }
    }

    private static String jwks(KeyPair keys, String kid) {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(kid).build()).toString();
    }

    private static String token(KeyPair keys, String kid) throws Exception {
        return Tokens.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), new RSASSASigner(keys.getPrivate()),
                claims("alice").build());
    }

    private JwtAuthenticator authenticator(Duration minRefetch) {
        keys = new JwksKeys(server.uri("/.well-known/jwks.json"), minRefetch, false);
        return JwtAuthenticator.withJwks(Tokens.jwks(server.uri("/.well-known/jwks.json")), keys, CLOCK);
    }

    private static Answer ask(JwtAuthenticator jwt, String token) {
        return jwt.authenticate(Credentials.of("alice", token, "c"));
    }

    @Test
    void keysAreFetchedOnceAndCached() throws Exception {
        JwtAuthenticator jwt = authenticator(Duration.ofMinutes(1));

        assertThat(ask(jwt, token(first, "k1"))).isInstanceOf(Answer.Allow.class);
        assertThat(ask(jwt, token(first, "k1"))).isInstanceOf(Answer.Allow.class);
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).uri().getPath()).isEqualTo("/.well-known/jwks.json");
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesAnUnknownKeyId() throws Exception {
        JwtAuthenticator jwt = authenticator(Duration.ZERO);
        assertThat(ask(jwt, token(first, "k1"))).isInstanceOf(Answer.Allow.class);

        served.set(jwks(second, "k2"));

        assertThat(ask(jwt, token(second, "k2"))).isInstanceOf(Answer.Allow.class);
        assertThat(ask(jwt, token(first, "k1"))).as("the retired key no longer verifies")
                .isInstanceOfSatisfying(Answer.Deny.class, d -> assertThat(d.cause()).startsWith("signature not verified: "));
    }

    @Test
    void unknownKeyIdsDoNotRefetchMoreThanOncePerInterval() throws Exception {
        JwtAuthenticator jwt = authenticator(Duration.ofHours(1));
        assertThat(ask(jwt, token(first, "k1"))).isInstanceOf(Answer.Allow.class);
        served.set(jwks(second, "k2"));

        // A flood of tokens with unknown key ids must not become a flood of fetches.
        for (int i = 0; i < 5; i++) {
            assertThat(ask(jwt, token(second, "k2"))).isInstanceOf(Answer.Deny.class);
        }
        assertThat(server.requests()).hasSize(1);
        assertThat(keys.refresh()).as("the scheduled refresh still picks the rotation up").isTrue();
        assertThat(ask(jwt, token(second, "k2"))).isInstanceOf(Answer.Allow.class);
    }

    @Test
    void aServerThatGoesAwayLeavesTheLastGoodKeysInForce() throws Exception {
        JwtAuthenticator jwt = authenticator(Duration.ZERO);
        assertThat(ask(jwt, token(first, "k1"))).isInstanceOf(Answer.Allow.class);

        server.answer(request -> new Response(503, "{}"));
        assertThat(keys.refresh()).isFalse();
        assertThat(keys.lastFailure()).endsWith("answered HTTP 503");
        server.answer(request -> new Response(200, "not a key set"));
        assertThat(keys.refresh()).isFalse();
        server.close();
        assertThat(keys.refresh()).isFalse();

        assertThat(ask(jwt, token(first, "k1"))).isInstanceOf(Answer.Allow.class);
    }

    @Test
    void withoutEverReachingTheServerTokensAreIgnored() throws Exception {
        server.close();
        JwtAuthenticator jwt = authenticator(Duration.ZERO);

        assertThat(ask(jwt, token(first, "k1"))).isInstanceOfSatisfying(Answer.Ignore.class,
                i -> assertThat(i.cause()).startsWith("no keys from the JWKS yet: " + server.uri("/.well-known/jwks.json")));
    }

    @Test
    void tokensAgainstAFailingJwksDoNotFetchMoreThanOncePerInterval() throws Exception {
        server.answer(request -> new Response(503, "{}"));
        JwtAuthenticator jwt = authenticator(Duration.ofHours(1));

        for (int i = 0; i < 3; i++) {
            assertThat(ask(jwt, token(first, "k1"))).isInstanceOfSatisfying(Answer.Ignore.class,
                    ignore -> assertThat(ignore.cause()).endsWith("answered HTTP 503"));
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aTokenDoesNotWaitForAFetchAlreadyInProgress() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.answer(request -> {
            inside.countDown();
            release.await(30, TimeUnit.SECONDS);
            return new Response(200, served.get());
        });
        JwtAuthenticator jwt = authenticator(Duration.ZERO);
        CompletableFuture<Boolean> slowFetch = CompletableFuture.supplyAsync(keys::refresh);
        try {
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(ask(jwt, token(first, "k1"))).isEqualTo(Answer.ignore("no keys from the JWKS yet: not fetched yet"));
        } finally {
            release.countDown();
        }
        assertThat(slowFetch.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ask(jwt, token(first, "k1"))).isInstanceOf(Answer.Allow.class);
    }

    @Test
    void theBackgroundRefreshFetchesAheadOfUse() throws Exception {
        JwtAuthenticator jwt = JwtAuthenticator.create(new io.topicguard.auth.config.JwtConfig(
                io.topicguard.auth.config.JwtConfig.TokenSource.PASSWORD, null, false, null,
                new io.topicguard.auth.config.JwksConfig(server.uri("/jwks"), Duration.ofMillis(50)),
                Duration.ofSeconds(30), true, java.util.Map.of(), "is_superuser", "acl", true), CLOCK);
        try (jwt) {
            await().atMost(Duration.ofSeconds(10)).until(() -> server.requests().size() >= 2);
            served.set(jwks(second, "k2"));
            int seen = server.requests().size();
            await().atMost(Duration.ofSeconds(10)).until(() -> server.requests().size() > seen + 1);

            // The last fetch was moments ago, so verifying may not fetch again (at most one per 10 s):
            // the new key is there because the background refresh brought it.
            assertThat(ask(jwt, token(second, "k2"))).isInstanceOf(Answer.Allow.class);
        }
    }
}
