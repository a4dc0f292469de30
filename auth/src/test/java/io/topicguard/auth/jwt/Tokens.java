package io.topicguard.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.topicguard.auth.config.JwksConfig;
import io.topicguard.auth.config.JwtConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/** Real keys and tokens signed with them, for the JWT tests. */
final class Tokens {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private Tokens() {
    }

    /** RSA key pair 0 or 1: the test PKI's, made once per run (2048-bit generation is slow). */
    static KeyPair rsa(int which) {
        return io.topicguard.testkit.pki.TestPki.rsaKeys(which);
    }

    static KeyPair ec(Curve curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve.getStdName()));
        return generator.generateKeyPair();
    }

    static Path writePublicKey(Path file, PublicKey key) throws IOException {
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        return file;
    }

    /** Claims for {@code sub}, expiring an hour after {@link #NOW}. */
    static JWTClaimsSet.Builder claims(String sub) {
        return new JWTClaimsSet.Builder().subject(sub).expirationTime(Date.from(NOW.plusSeconds(3600)));
    }

    static String sign(JWSAlgorithm alg, JWSSigner signer, JWTClaimsSet claims) throws JOSEException {
        return sign(new JWSHeader.Builder(alg).build(), signer, claims);
    }

    static String sign(JWSHeader header, JWSSigner signer, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    static String hmac(byte[] secret, JWSAlgorithm alg, JWTClaimsSet claims) throws JOSEException {
        return sign(alg, new MACSigner(secret), claims);
    }

    static String rsa(KeyPair keys, JWSAlgorithm alg, JWTClaimsSet claims) throws JOSEException {
        return sign(alg, new RSASSASigner(keys.getPrivate()), claims);
    }

    static String ec(KeyPair keys, JWSAlgorithm alg, JWTClaimsSet claims) throws JOSEException {
        return sign(alg, new ECDSASigner((ECPrivateKey) keys.getPrivate()), claims);
    }

    /** A token with {@code alg: none} assembled by hand, as a forger would, with {@code signature} as its third part. */
    static String unsigned(JWTClaimsSet claims, String signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    static JwtConfig secret(String secret) {
        return new JwtConfig(JwtConfig.TokenSource.PASSWORD, secret, false, null, null, JwtConfig.DEFAULT_LEEWAY, true, Map.of(),
                JwtConfig.DEFAULT_SUPERUSER_CLAIM, JwtConfig.DEFAULT_ACL_CLAIM, true);
    }

    static JwtConfig publicKey(Path file) {
        return new JwtConfig(JwtConfig.TokenSource.PASSWORD, null, false, file, null, JwtConfig.DEFAULT_LEEWAY, true, Map.of(),
                JwtConfig.DEFAULT_SUPERUSER_CLAIM, JwtConfig.DEFAULT_ACL_CLAIM, true);
    }

    static JwtConfig jwks(java.net.URI url) {
        return new JwtConfig(JwtConfig.TokenSource.PASSWORD, null, false, null, new JwksConfig(url, java.time.Duration.ofMinutes(5)),
                JwtConfig.DEFAULT_LEEWAY, true, Map.of(), JwtConfig.DEFAULT_SUPERUSER_CLAIM, JwtConfig.DEFAULT_ACL_CLAIM, true);
    }

    /** {@code config} with other claims settings. */
    static JwtConfig with(JwtConfig c, JwtConfig.TokenSource from, boolean requireExp, Map<String, String> pins, String superuserClaim) {
        return new JwtConfig(from, c.secret(), c.secretBase64(), c.publicKey(), c.jwks(), c.leeway(), requireExp, pins,
                superuserClaim, c.aclClaim(), c.disconnectOnExpiry());
    }
}
