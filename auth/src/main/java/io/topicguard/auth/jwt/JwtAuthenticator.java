package io.topicguard.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.topicguard.auth.chain.Answer;
import io.topicguard.auth.chain.Authenticator;
import io.topicguard.auth.chain.AuthenticatorSetupException;
import io.topicguard.auth.chain.ConnectCredentials;
import io.topicguard.auth.config.JwtConfig;
import io.topicguard.auth.internal.SuperuserFlag;
import io.topicguard.engine.ClientRule;
import io.topicguard.auth.rules.CarriedRuleException;
import io.topicguard.auth.rules.CarriedRules;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jwt}: the CONNECT password (or username) as a JSON Web Token. Every signature and key
 * check is Nimbus JOSE + JWT's; this class decides which algorithms the configured key admits
 * (so {@code alg: none} and an algorithm of another key type, e.g. HS256 "signed" with an RSA
 * public key, never verify), then checks {@code exp}/{@code nbf} against the clock with the
 * leeway, the pinned claims, and reads the superuser flag and carried rules.
 *
 * <p>Not a JWT at all: ignore (another source may know the password). A JWT that fails any
 * check: deny, with the cause. JWKS keys not fetched yet (server unreachable since start):
 * ignore. Thread-safe.
 */
public final class JwtAuthenticator implements Authenticator {

    private static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Map<Curve, JWSAlgorithm> EC = Map.of(Curve.P_256, JWSAlgorithm.ES256, Curve.P_384, JWSAlgorithm.ES384,
            Curve.P_521, JWSAlgorithm.ES512);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JwtConfig config;
    private final Set<JWSAlgorithm> algorithms;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JwksKeys jwks;
    private final Clock clock;

    private JwtAuthenticator(JwtConfig config, Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys, JwksKeys jwks,
                             Clock clock) {
        this.config = config;
        this.algorithms = algorithms;
        this.jwks = jwks;
        this.clock = clock;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        // Time and claims are checked below against the injected clock, with causes worded for the log.
        processor.setJWTClaimsSetVerifier(null);
    }

    /**
     * Builds the authenticator for {@code config}: reads the public key file, or starts fetching
     * the JWKS in the background.
     *
     * @throws AuthenticatorSetupException when the key file holds no usable key
     */
    public static JwtAuthenticator create(JwtConfig config, Clock clock) throws AuthenticatorSetupException {
        if (config.secret() != null) {
            return new JwtAuthenticator(config, hmacAlgorithms(config.secretBytes().length),
                    new ImmutableSecret<>(config.secretBytes()), null, clock);
        }
        if (config.publicKey() != null) {
            JWK key = PemKeys.read(config.publicKey());
            return new JwtAuthenticator(config, algorithmsFor(key), new ImmutableJWKSet<>(new JWKSet(key)), null, clock);
        }
        JwksKeys keys = JwksKeys.start(config.jwks().url(), config.jwks().refresh());
        return withJwks(config, keys, clock);
    }

    /** With a JWKS whose fetching the caller controls (tests). */
    static JwtAuthenticator withJwks(JwtConfig config, JwksKeys keys, Clock clock) {
        Set<JWSAlgorithm> asymmetric = new LinkedHashSet<>(RSA);
        asymmetric.addAll(EC.values());
        return new JwtAuthenticator(config, Set.copyOf(asymmetric), keys, keys, clock);
    }

    @Override
    public String name() {
        return "jwt";
    }

    @Override
    public Answer authenticate(ConnectCredentials credentials) {
        String token = token(credentials);
        if (token == null || token.isEmpty()) {
            return Answer.ignore("no token in the " + source());
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException notJwt) {
            return headerOnly(token);
        }
        if (jwt instanceof PlainJWT) {
            return Answer.deny("unsigned token (alg none) refused");
        }
        if (jwt instanceof EncryptedJWT) {
            return Answer.deny("encrypted token (JWE) not supported");
        }
        SignedJWT signed = (SignedJWT) jwt;
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (!algorithms.contains(alg)) {
            return Answer.deny("algorithm " + alg + " does not fit the configured key (" + names(algorithms) + ")");
        }
        if (jwks != null && !jwks.hasKeys()) {
            jwks.refreshIfDue();
            if (!jwks.hasKeys()) {
                // The source could not be asked: like an unreachable HTTP service, it knows nothing of the client.
                return Answer.ignore("no keys from the JWKS yet: " + jwks.lastFailure());
            }
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJOSEException | JOSEException e) {
            return Answer.deny("signature not verified: " + e.getMessage());
        }
        return checkClaims(claims, credentials);
    }

    private Answer checkClaims(JWTClaimsSet claims, ConnectCredentials credentials) {
        Instant now = clock.instant();
        Duration leeway = config.leeway();
        Date exp = claims.getExpirationTime();
        if (exp == null && config.requireExp()) {
            return Answer.deny("no exp claim (require-exp is true)");
        }
        if (exp != null && now.isAfter(exp.toInstant().plus(leeway))) {
            return Answer.deny("expired " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(leeway).isBefore(nbf.toInstant())) {
            return Answer.deny("not valid before " + nbf.toInstant());
        }
        for (Map.Entry<String, String> pin : config.claims().entrySet()) {
            String problem = pinProblem(claims, pin.getKey(), pin.getValue(), credentials);
            if (problem != null) {
                return Answer.deny(problem);
            }
        }
        Object superuserClaim = claims.getClaim(config.superuserClaim());
        Boolean superuser = SuperuserFlag.read(superuserClaim == null ? null : toJson(superuserClaim));
        if (superuser == null) {
            return Answer.deny("claim " + config.superuserClaim() + " must be true or false, found " + superuserClaim);
        }
        List<ClientRule> rules;
        try {
            Object acl = claims.getClaim(config.aclClaim());
            rules = acl == null ? List.of() : CarriedRules.parse(toJson(acl));
        } catch (CarriedRuleException e) {
            return Answer.deny("claim " + config.aclClaim() + ": " + e.getMessage());
        }
        // An expiry on the allow makes the broker disconnect the client then: only when configured to.
        return new Answer.Allow(superuser, rules, exp == null || !config.disconnectOnExpiry() ? null : exp.toInstant().plus(leeway));
    }

    private static String pinProblem(JWTClaimsSet claims, String name, String template, ConnectCredentials credentials) {
        String expected = template;
        if (template.contains("${username}")) {
            if (credentials.username() == null) {
                return "claim " + name + " is pinned to ${username}, and the client sent no username";
            }
            expected = expected.replace("${username}", credentials.username());
        }
        expected = expected.replace("${clientid}", credentials.clientId());
        Object actual = claims.getClaim(name);
        if (actual == null) {
            return "no claim " + name + " (pinned to '" + expected + "')";
        }
        // A list claim (aud is often one) matches when it holds the value.
        boolean matches = actual instanceof List<?> list ? list.contains(expected) : expected.equals(String.valueOf(actual));
        return matches ? null : "claim " + name + " is '" + actual + "', expected '" + expected + "'";
    }

    /**
     * A token Nimbus cannot parse is "not a JWT" (ignore) unless its first part is a JOSE header:
     * then someone sent a token, just a broken or forged one — e.g. {@code alg: none} with a
     * signature appended, which Nimbus refuses to parse — and that is a deny.
     */
    private static Answer headerOnly(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Answer.ignore("not a JWT");
        }
        try {
            Header header = Header.parse(new Base64URL(token.substring(0, dot)));
            if ("none".equalsIgnoreCase(header.getAlgorithm().getName())) {
                return Answer.deny("unsigned token (alg none) refused");
            }
            return Answer.deny("malformed JWT (header " + header.getAlgorithm() + ")");
        } catch (ParseException | RuntimeException e) {
            return Answer.ignore("not a JWT");
        }
    }

    private String token(ConnectCredentials credentials) {
        if (config.from() == JwtConfig.TokenSource.USERNAME) {
            return credentials.username();
        }
        byte[] password = credentials.password();
        return password == null ? null : new String(password, StandardCharsets.UTF_8);
    }

    private String source() {
        return config.from() == JwtConfig.TokenSource.USERNAME ? "username" : "password";
    }

    private static JsonNode toJson(Object claim) {
        return JSON.valueToTree(claim);
    }

    private static Set<JWSAlgorithm> hmacAlgorithms(int secretBytes) {
        // HS384 and HS512 need keys as long as their hashes (RFC 7518 §3.2); admit only what this secret can verify.
        Set<JWSAlgorithm> algs = new LinkedHashSet<>();
        algs.add(JWSAlgorithm.HS256);
        if (secretBytes >= 48) {
            algs.add(JWSAlgorithm.HS384);
        }
        if (secretBytes >= 64) {
            algs.add(JWSAlgorithm.HS512);
        }
        return Set.copyOf(algs);
    }

    private static Set<JWSAlgorithm> algorithmsFor(JWK key) {
        if (key instanceof ECKey ec) {
            return Set.of(EC.get(ec.getCurve()));
        }
        return RSA;
    }

    private static String names(Set<JWSAlgorithm> algorithms) {
        return String.join(", ", algorithms.stream().map(JWSAlgorithm::getName).sorted().toList());
    }

    @Override
    public void close() {
        if (jwks != null) {
            jwks.close();
        }
    }

    @Override
    public String toString() {
        return "JwtAuthenticator[" + config + "]";
    }
}
