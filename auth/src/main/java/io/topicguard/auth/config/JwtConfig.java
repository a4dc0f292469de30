package io.topicguard.auth.config;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * {@code - jwt: {...}} — a JSON Web Token read from the CONNECT password (or username) and
 * checked against exactly one kind of key: a shared {@code secret} (HMAC), a {@code public-key}
 * PEM file (RSA or EC), or a {@code jwks} URL. {@code claims} pins claims to the client; its
 * values may hold {@code ${username}} and {@code ${clientid}}.
 *
 * <p>{@link #toString()} never shows the secret.
 */
public record JwtConfig(TokenSource from, @Nullable String secret, boolean secretBase64, @Nullable Path publicKey,
                        @Nullable JwksConfig jwks,
                        Duration leeway, boolean requireExp, Map<String, String> claims,
                        String superuserClaim, String aclClaim, boolean disconnectOnExpiry)
        implements AuthenticatorConfig {

    /** Where the token is in the CONNECT packet. */
    public enum TokenSource { PASSWORD, USERNAME }

    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);
    public static final String DEFAULT_SUPERUSER_CLAIM = "is_superuser";
    public static final String DEFAULT_ACL_CLAIM = "acl";

    public JwtConfig {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(leeway, "leeway");
        claims = Map.copyOf(claims);
        Objects.requireNonNull(superuserClaim, "superuserClaim");
        Objects.requireNonNull(aclClaim, "aclClaim");
        int keys = (secret != null ? 1 : 0) + (publicKey != null ? 1 : 0) + (jwks != null ? 1 : 0);
        if (keys != 1) {
            throw new IllegalArgumentException("exactly one of secret, publicKey and jwks, found " + keys);
        }
    }

    /** The HMAC key's bytes (decoded when {@code secret-base64: true}), or null without a secret. */
    public byte @Nullable [] secretBytes() {
        if (secret == null) {
            return null;
        }
        return secretBase64 ? Base64.getDecoder().decode(secret) : secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String kind() {
        return "jwt";
    }

    @Override
    public String toString() {
        return "JwtConfig[from=" + from + ", key=" + (secret != null ? "secret (hidden)" : publicKey != null ? publicKey : jwks)
                + ", leeway=" + leeway + ", requireExp=" + requireExp + ", claims=" + claims
                + ", superuserClaim=" + superuserClaim + ", aclClaim=" + aclClaim
                + ", disconnectOnExpiry=" + disconnectOnExpiry + "]";
    }
}
