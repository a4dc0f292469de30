package io.topicguard.auth.chain;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.topicguard.auth.config.Configuration;
import io.topicguard.auth.config.ConfigurationLoader;
import io.topicguard.auth.password.PasswordFileEditor;
import io.topicguard.auth.testing.LocalHttpServer;
import io.topicguard.auth.testing.LocalHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A configuration file's chain, built and walked: password file, then JWT, then an HTTP service. */
class ChainFromConfigurationTest {

    private static final String SECRET = "a-secret-that-is-32-bytes-long!!";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;
    private LocalHttpServer service;
    private AuthenticationChain chain;

    @BeforeEach
    void build() throws Exception {
        service = new LocalHttpServer(null, request -> request.body().contains("\"username\":\"carol\"")
                ? new Response(200, "{\"result\": \"allow\", \"acl\": {\"pub\": [\"carol/#\"]}}")
                : new Response(200, "{\"result\": \"ignore\"}"));
        PasswordFileEditor.setPassword(dir.resolve("passwd"), "alice", "alice-pw".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("topicguard.yaml"), """
                authentication:
                  - password-file: passwd
                  - jwt: {secret: "${env:JWT_SECRET}", claims: {sub: "${username}"}}
                  - http: {url: "%s", timeout: 5s}
                """.formatted(service.uri("/mqtt/auth")));
        Configuration config = ConfigurationLoader.load(dir.resolve("topicguard.yaml"), Map.of("JWT_SECRET", SECRET)::get);
        chain = new AuthenticationChain(Authenticators.create(config.authentication(), Clock.fixed(NOW, ZoneOffset.UTC)), 2, 16);
    }

    @AfterEach
    void stop() {
        chain.close();
        service.close();
    }

    private static String token(String sub, Instant exp) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().subject(sub).expirationTime(Date.from(exp)).build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private ChainResult walk(String username, String password) throws Exception {
        return chain.authenticate(Credentials.of(username, password, "client-1")).get(10, TimeUnit.SECONDS);
    }

    @Test
    void thePasswordFileAnswersForItsUsers() throws Exception {
        assertThat(walk("alice", "alice-pw").trace()).isEqualTo("password-file: allow");
        assertThat(walk("alice", "wrong").trace()).isEqualTo("password-file: deny (wrong password)");
    }

    @Test
    void anExpiredTokenIsDeniedWithTheWholeWalkInTheTrace() throws Exception {
        ChainResult result = walk("bob", token("bob", Instant.parse("2026-12-01T09:00:00Z")));

        assertThat(result.outcome()).isEqualTo(ChainResult.Outcome.DENIED);
        assertThat(result.trace()).isEqualTo("password-file: ignore (unknown user) → jwt: deny (expired 2026-12-01T09:00:00Z)");
        assertThat(service.requests()).as("a deny ends the walk").isEmpty();
    }

    @Test
    void aValidTokenIsAllowedByTheJwtLink() throws Exception {
        ChainResult result = walk("bob", token("bob", NOW.plusSeconds(600)));

        assertThat(result.trace()).isEqualTo("password-file: ignore (unknown user) → jwt: allow (until 2026-12-01T10:10:30Z)");
    }

    @Test
    void aPlainPasswordFallsThroughToTheHttpService() throws Exception {
        ChainResult carol = walk("carol", "carol-pw");
        assertThat(carol.outcome()).isEqualTo(ChainResult.Outcome.ALLOWED);
        assertThat(carol.trace()).isEqualTo("password-file: ignore (unknown user) → jwt: ignore (not a JWT) → http: allow (1 rule)");
        assertThat(carol.allow().rules()).singleElement().hasToString("allow publish carol/#");

        ChainResult nobody = walk("dave", "x");
        assertThat(nobody.outcome()).isEqualTo(ChainResult.Outcome.NO_ANSWER);
        assertThat(nobody.trace()).endsWith("→ http: ignore (service said ignore)");
    }
}
