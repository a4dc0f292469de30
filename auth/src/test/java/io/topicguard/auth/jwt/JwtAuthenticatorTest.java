package io.topicguard.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import io.topicguard.auth.chain.Answer;
import io.topicguard.auth.chain.AuthenticatorSetupException;
import io.topicguard.auth.chain.Credentials;
import io.topicguard.auth.config.JwtConfig;
import io.topicguard.engine.ClientRule;
import io.topicguard.testkit.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.topicguard.auth.jwt.Tokens.NOW;
import static io.topicguard.auth.jwt.Tokens.claims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtAuthenticatorTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef"; // 32 bytes: HS256 only
    private static final byte[] SECRET_BYTES = SECRET.getBytes(StandardCharsets.UTF_8);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static Answer ask(JwtAuthenticator jwt, String username, String token) {
        return jwt.authenticate(Credentials.of(username, token, "device-7"));
    }

    private static JwtAuthenticator hmac() throws AuthenticatorSetupException {
        return JwtAuthenticator.create(Tokens.secret(SECRET), CLOCK);
    }

    @Test
    void aValidHs256TokenIsAllowedUntilExpPlusLeeway() throws Exception {
        Answer answer = ask(hmac(), "alice", Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims("alice").build()));

        assertThat(answer).isEqualTo(new Answer.Allow(false, List.of(), NOW.plusSeconds(3600 + 30)));
    }

    @Test
    void longerSecretsAdmitHs384AndHs512AndShortOnesDoNot() throws Exception {
        String long64 = SECRET + SECRET;
        JwtAuthenticator jwt = JwtAuthenticator.create(Tokens.secret(long64), CLOCK);
        byte[] bytes = long64.getBytes(StandardCharsets.UTF_8);

        assertThat(ask(jwt, "a", Tokens.hmac(bytes, JWSAlgorithm.HS384, claims("a").build()))).isInstanceOf(Answer.Allow.class);
        assertThat(ask(jwt, "a", Tokens.hmac(bytes, JWSAlgorithm.HS512, claims("a").build()))).isInstanceOf(Answer.Allow.class);
        assertThat(ask(hmac(), "a", Tokens.hmac(bytes, JWSAlgorithm.HS512, claims("a").build())))
                .isEqualTo(Answer.deny("algorithm HS512 does not fit the configured key (HS256)"));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsDenied() throws Exception {
        byte[] other = "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8);
        Answer answer = ask(hmac(), "alice", Tokens.hmac(other, JWSAlgorithm.HS256, claims("alice").build()));

        assertThat(answer).isInstanceOfSatisfying(Answer.Deny.class,
                d -> assertThat(d.cause()).startsWith("signature not verified: ").contains("Invalid signature"));
    }

    @Test
    void expiryIsCheckedWithTheLeeway() throws Exception {
        String expired = Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims("a").expirationTime(Date.from(NOW.minusSeconds(31))).build());
        String withinLeeway = Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims("a").expirationTime(Date.from(NOW.minusSeconds(29))).build());

        assertThat(ask(hmac(), "a", expired)).isEqualTo(Answer.deny("expired 2026-12-01T09:59:29Z"));
        assertThat(ask(hmac(), "a", withinLeeway)).isEqualTo(new Answer.Allow(false, List.of(), NOW.plusSeconds(1)));
    }

    @Test
    void notBeforeIsCheckedWithTheLeeway() throws Exception {
        String early = Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims("a").notBeforeTime(Date.from(NOW.plusSeconds(31))).build());
        String almost = Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims("a").notBeforeTime(Date.from(NOW.plusSeconds(29))).build());

        assertThat(ask(hmac(), "a", early)).isEqualTo(Answer.deny("not valid before 2026-12-01T10:00:31Z"));
        assertThat(ask(hmac(), "a", almost)).isInstanceOf(Answer.Allow.class);
    }

    @Test
    void aTokenWithoutExpIsRefusedUnlessRequireExpIsOff() throws Exception {
        String forever = Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, new JWTClaimsSet.Builder().subject("a").build());
        JwtAuthenticator lenient = JwtAuthenticator.create(
                Tokens.with(Tokens.secret(SECRET), JwtConfig.TokenSource.PASSWORD, false, Map.of(), "is_superuser"), CLOCK);

        assertThat(ask(hmac(), "a", forever)).isEqualTo(Answer.deny("no exp claim (require-exp is true)"));
        assertThat(ask(lenient, "a", forever)).isEqualTo(new Answer.Allow(false, List.of(), null));
    }

    @Test
    void algNoneForgedByHandIsAlwaysDenied() throws Exception {
        JWTClaimsSet claims = claims("alice").build();

        assertThat(ask(hmac(), "alice", Tokens.unsigned(claims, ""))).isEqualTo(Answer.deny("unsigned token (alg none) refused"));
        assertThat(ask(hmac(), "alice", Tokens.unsigned(claims, "c2lnbmF0dXJl")))
                .as("alg none with a signature part appended").isEqualTo(Answer.deny("unsigned token (alg none) refused"));
    }

    @Test
    void hs256SignedWithTheRsaPublicKeyIsRefused() throws Exception {
        KeyPair rsa = Tokens.rsa(0);
        JwtAuthenticator jwt = JwtAuthenticator.create(Tokens.publicKey(Tokens.writePublicKey(dir.resolve("rsa.pem"), rsa.getPublic())), CLOCK);
        // The classic confusion attack: the public key's bytes (which anyone has) used as an HMAC secret.
        String confused = Tokens.sign(JWSAlgorithm.HS256, new MACSigner(rsa.getPublic().getEncoded()), claims("alice").build());

        assertThat(ask(jwt, "alice", confused))
                .isEqualTo(Answer.deny("algorithm HS256 does not fit the configured key (PS256, PS384, PS512, RS256, RS384, RS512)"));
    }

    @Test
    void rsaKeysFromAPemFileVerifyRsAndPsAndRefuseOtherKeys() throws Exception {
        KeyPair rsa = Tokens.rsa(0);
        JwtAuthenticator jwt = JwtAuthenticator.create(Tokens.publicKey(Tokens.writePublicKey(dir.resolve("rsa.pem"), rsa.getPublic())), CLOCK);

        assertThat(ask(jwt, "a", Tokens.rsa(rsa, JWSAlgorithm.RS256, claims("a").build()))).isInstanceOf(Answer.Allow.class);
        assertThat(ask(jwt, "a", Tokens.rsa(rsa, JWSAlgorithm.PS512, claims("a").build()))).isInstanceOf(Answer.Allow.class);
        assertThat(ask(jwt, "a", Tokens.rsa(Tokens.rsa(1), JWSAlgorithm.RS256, claims("a").build())))
                .isInstanceOfSatisfying(Answer.Deny.class, d -> assertThat(d.cause()).startsWith("signature not verified: "));
    }

    @Test
    void ecKeysVerifyOnlyTheirCurvesAlgorithm() throws Exception {
        KeyPair p384 = Tokens.ec(Curve.P_384);
        JwtAuthenticator jwt = JwtAuthenticator.create(Tokens.publicKey(Tokens.writePublicKey(dir.resolve("ec.pem"), p384.getPublic())), CLOCK);

        assertThat(ask(jwt, "a", Tokens.ec(p384, JWSAlgorithm.ES384, claims("a").build()))).isInstanceOf(Answer.Allow.class);
        assertThat(ask(jwt, "a", Tokens.ec(Tokens.ec(Curve.P_384), JWSAlgorithm.ES384, claims("a").build())))
                .isInstanceOf(Answer.Deny.class);
        assertThat(ask(jwt, "a", Tokens.ec(Tokens.ec(Curve.P_256), JWSAlgorithm.ES256, claims("a").build())))
                .isEqualTo(Answer.deny("algorithm ES256 does not fit the configured key (ES384)"));
    }

    @Test
    void theKeyMayComeFromACertificate() throws Exception {
        TestPki.Issued issuer = TestPki.ca("token-issuer");
        Path cert = TestPki.write(dir, "issuer.pem", TestPki.pem(issuer.certificate()));
        JwtAuthenticator jwt = JwtAuthenticator.create(Tokens.publicKey(cert), CLOCK);

        assertThat(ask(jwt, "a", Tokens.ec(issuer.keys(), JWSAlgorithm.ES256, claims("a").build()))).isInstanceOf(Answer.Allow.class);
    }

    @Test
    void keyFilesWithoutAUsablePublicKeyAreSetupErrors() throws Exception {
        Path privateKey = TestPki.write(dir, "x-key.pem", TestPki.pkcs8(TestPki.ca("x").privateKey()));
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing\n");

        assertThatThrownBy(() -> JwtAuthenticator.create(Tokens.publicKey(privateKey), CLOCK))
                .isInstanceOf(AuthenticatorSetupException.class)
                .hasMessage("public key file " + privateKey + ": a PEM PRIVATE KEY block; expected PUBLIC KEY or CERTIFICATE (a private key does not belong here)");
        assertThatThrownBy(() -> JwtAuthenticator.create(Tokens.publicKey(empty), CLOCK))
                .hasMessage("public key file " + empty + ": no PEM block (-----BEGIN PUBLIC KEY----- or CERTIFICATE)");
    }

    @Test
    void pinnedClaimsMustMatchTheClient() throws Exception {
        JwtAuthenticator jwt = JwtAuthenticator.create(Tokens.with(Tokens.secret(SECRET), JwtConfig.TokenSource.PASSWORD, true,
                Map.of("sub", "${username}", "cid", "${clientid}", "aud", "mqtt"), "is_superuser"), CLOCK);
        JWTClaimsSet.Builder good = claims("alice").claim("cid", "device-7").audience(List.of("web", "mqtt"));

        assertThat(ask(jwt, "alice", Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, good.build()))).isInstanceOf(Answer.Allow.class);
        assertThat(ask(jwt, "bob", Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, good.build())))
                .isEqualTo(Answer.deny("claim sub is 'alice', expected 'bob'"));
        assertThat(ask(jwt, null, Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, good.build())))
                .isEqualTo(Answer.deny("claim sub is pinned to ${username}, and the client sent no username"));
        assertThat(ask(jwt, "alice", Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims("alice").claim("cid", "device-7").audience("web").build())))
                .as("wrong audience").isEqualTo(Answer.deny("claim aud is '[web]', expected 'mqtt'"));
        assertThat(ask(jwt, "alice", Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims("alice").audience("mqtt").build())))
                .isEqualTo(Answer.deny("no claim cid (pinned to 'device-7')"));
    }

    @Test
    void superuserAndCarriedRulesComeFromTheirClaims() throws Exception {
        JwtAuthenticator jwt = JwtAuthenticator.create(
                Tokens.with(Tokens.secret(SECRET), JwtConfig.TokenSource.PASSWORD, true, Map.of(), "admin"), CLOCK);
        JWTClaimsSet claims = claims("ops").claim("admin", true)
                .claim("acl", List.of(Map.of("permission", "allow", "action", "publish", "topic", "ops/${clientid}", "qos", List.of(1))))
                .build();

        Answer answer = ask(jwt, "ops", Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims));

        assertThat(answer).isEqualTo(new Answer.Allow(true, List.of(new ClientRule(ClientRule.Permission.ALLOW,
                ClientRule.Action.PUBLISH, "ops/${clientid}", false, java.util.Set.of(1), null)), NOW.plusSeconds(3630)));
        assertThat(ask(jwt, "ops", Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims("ops").claim("admin", "yes").build())))
                .isEqualTo(Answer.deny("claim admin must be true or false, found yes"));
        assertThat(ask(jwt, "ops", Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims("ops").claim("admin", "true").build())))
                .as("written as EMQX's issuers may").isInstanceOfSatisfying(Answer.Allow.class, a -> assertThat(a.superuser()).isTrue());
        assertThat(ask(hmac(), "ops", Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims("ops").claim("is_superuser", true).build())))
                .isInstanceOfSatisfying(Answer.Allow.class, a -> assertThat(a.superuser()).isTrue());
    }

    @Test
    void aMalformedCarriedRuleDeniesTheWholeToken() throws Exception {
        JWTClaimsSet claims = claims("a").claim("acl", Map.of("pub", List.of("ok/1", "bad/#/x"))).build();

        assertThat(ask(hmac(), "a", Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims))).isInstanceOfSatisfying(Answer.Deny.class,
                d -> assertThat(d.cause()).startsWith("claim acl: rule #2 (pub): topic \"bad/#/x\": "));
    }

    @Test
    void somethingThatIsNotAJwtIsIgnoredSoAnotherSourceMayKnowIt() throws Exception {
        assertThat(ask(hmac(), "alice", "hunter2")).isEqualTo(Answer.ignore("not a JWT"));
        assertThat(ask(hmac(), "alice", "a.b.c")).isEqualTo(Answer.ignore("not a JWT"));
        assertThat(ask(hmac(), "alice", null)).isEqualTo(Answer.ignore("no token in the password"));
    }

    @Test
    void theTokenMayBeTheUsername() throws Exception {
        JwtAuthenticator jwt = JwtAuthenticator.create(
                Tokens.with(Tokens.secret(SECRET), JwtConfig.TokenSource.USERNAME, true, Map.of(), "is_superuser"), CLOCK);
        String token = Tokens.hmac(SECRET_BYTES, JWSAlgorithm.HS256, claims("a").build());

        assertThat(jwt.authenticate(Credentials.of(token, null, "c"))).isInstanceOf(Answer.Allow.class);
        assertThat(jwt.authenticate(Credentials.of(null, token, "c"))).isEqualTo(Answer.ignore("no token in the username"));
    }
}
