package io.topicguard.jmh.load;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** HS256 tokens for the connect storm's JWT variant, signed with Nimbus as an issuer would. */
final class Tokens {

    /** The shared secret the generator signs with and the broker's configuration names (≥ 32 bytes). */
    static final String SECRET = "topicguard-load-generator-hs256-secret-0123456789";

    private Tokens() {
    }

    /** A token whose {@code sub} is {@code username}, valid for an hour. */
    static String hs256(String username) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(username).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 with a 50-byte secret always signs", e);
        }
        return jwt.serialize();
    }
}
