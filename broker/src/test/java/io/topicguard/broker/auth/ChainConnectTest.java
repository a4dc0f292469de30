package io.topicguard.broker.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.Authenticators;
import io.topicguard.auth.config.AuthenticatorConfig;
import io.topicguard.auth.config.JwtConfig;
import io.topicguard.auth.config.PasswordFileConfig;
import io.topicguard.auth.password.PasswordFileEditor;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.broker.ops.OperationsOptions;
import io.topicguard.broker.testing.DenialCapture;
import io.topicguard.broker.testing.OperatedBroker;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import io.topicguard.testkit.pki.TestPki;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * CONNECT through a real authentication chain — a $7$ password file, then an HS256 or RS256 JWT
 * verifier with real keys — with Paho clients of both protocol versions (docs/semantics.md, The
 * authentication chain): the first allow or deny decides, a deny or an unknown username is "bad
 * username or password", the refusal is logged once with every step, the admitting authenticator
 * is metered and shown by the admin endpoint, a superuser claim applies, and a token's expiry
 * disconnects its client.
 */
class ChainConnectTest {

    private static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final String POLICY = """
            anonymous deny
            default deny
            allow all to publish, subscribe "devices/${username}/#"
            """;

    @TempDir
    Path dir;

    private final KeyPair rsa = TestPki.rsaKeys(0);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private OperatedBroker ob;

    /** The chain: the password file, then an HS256 verifier. (A JWT that fails a link's checks is denied there, so one key kind per chain.) */
    @BeforeEach
    void start() throws Exception {
        Path passwd = dir.resolve("passwd");
        PasswordFileEditor.setPassword(passwd, "alice", "alice-pw".getBytes(StandardCharsets.UTF_8));
        ob = start(new PasswordFileConfig(passwd), jwt(new String(SECRET, StandardCharsets.UTF_8), null));
    }

    private OperatedBroker start(AuthenticatorConfig... links) throws Exception {
        Files.writeString(dir.resolve("policy.acl"), POLICY);
        return OperatedBroker.start(PolicySource.of(dir.resolve("policy.acl")),
                AuthenticationChain.of(Authenticators.create(List.of(links), Clock.systemUTC())),
                OperationsOptions.defaults().withAdminPort(0, "127.0.0.1").withSysInterval(Duration.ZERO));
    }

    /** Swaps the broker for one whose chain is the password file and an RS256 verifier of the test key. */
    private void startWithRs256() throws Exception {
        ob.close();
        Path publicKey = dir.resolve("jwt.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(rsa.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        ob = start(new PasswordFileConfig(dir.resolve("passwd")), jwt(null, publicKey));
    }

    /** A JWT link pinning {@code sub} to the username, with no leeway so a short-lived token really expires. */
    private static JwtConfig jwt(String secret, Path publicKey) {
        return new JwtConfig(JwtConfig.TokenSource.PASSWORD, secret, false, publicKey, null, Duration.ZERO, true,
                Map.of("sub", "${username}"), JwtConfig.DEFAULT_SUPERUSER_CLAIM, JwtConfig.DEFAULT_ACL_CLAIM, true);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        ob.close();
    }

    private static JWTClaimsSet.Builder claims(String sub, Duration validFor) {
        return new JWTClaimsSet.Builder().subject(sub).expirationTime(Date.from(Instant.now().plus(validFor)));
    }

    private static String hs256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    private String rs256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(rsa.getPrivate()));
        return jwt.serialize();
    }

    private V5Client v5(String clientId, String username, String password) throws Exception {
        V5Client c = V5Client.connect(ob.port(), clientId, V5Client.login(username, password));
        toClose.add(c);
        return c;
    }

    private int v5Code(String clientId, String username, String password) throws Exception {
        return V5Client.connectReasonCode(ob.port(), clientId, V5Client.login(username, password));
    }

    private int v3Code(String clientId, String username, String password) throws Exception {
        V3Client c = V3Client.create(ob.port(), clientId);
        try {
            c.client.connect(V3Client.login(username, password));
            return 0;
        } catch (MqttException e) {
            return e.getReasonCode();
        } finally {
            c.close();
        }
    }

    @Test
    void hs256TokensAndThePasswordFileEachAdmitInBothVersions() throws Exception {
        String hs = hs256(claims("dev-1", Duration.ofHours(1)).build());

        assertThat(v5("hs-5", "dev-1", hs).subscribe("devices/dev-1/#", 1)).isEqualTo(1);
        assertThat(v5("pw-5", "alice", "alice-pw").subscribe("devices/alice/#", 1)).isEqualTo(1);
        assertThat(v3Code("hs-3", "dev-1", hs)).isZero();
        assertThat(v3Code("pw-3", "alice", "alice-pw")).isZero();
        assertThat(v5Code("other-sub", "dev-2", hs)).as("sub is pinned to the username").isEqualTo(0x86);

        var metrics = ob.ops.metrics();
        assertThat(metrics.authenticatorAnswers().count("password-file", "allow")).isEqualTo(2);
        assertThat(metrics.authenticatorAnswers().count("password-file", "ignore")).as("unknown users dev-1, dev-2").isEqualTo(3);
        assertThat(metrics.authenticatorAnswers().count("jwt", "allow")).isEqualTo(2);
        assertThat(metrics.authenticatorAnswers().count("jwt", "deny")).isEqualTo(1);
        assertThat(metrics.authenticatorLatency().count("jwt")).isEqualTo(3);
        assertThat(metrics.authentications().count("ok")).isEqualTo(4);
    }

    @Test
    void rs256TokensAdmitInBothVersionsAndAnHs256OneIsDenied() throws Exception {
        startWithRs256();
        String rs = rs256(claims("dev-2", Duration.ofHours(1)).build());
        assertThat(v5("rs-5", "dev-2", rs).subscribe("devices/dev-2/#", 1)).isEqualTo(1);
        assertThat(v3Code("rs-3", "dev-2", rs)).isZero();
        assertThat(v5Code("hs-to-rs", "dev-2", hs256(claims("dev-2", Duration.ofHours(1)).build())))
                .as("an HMAC token against an RSA key: key-type confusion refused").isEqualTo(0x86);
        assertThat(ob.ops.metrics().authenticatorAnswers().count("jwt", "deny")).isEqualTo(1);
    }

    @Test
    void aDenyOrAnUnknownUsernameIsBadUsernameOrPasswordLoggedOnceWithTheWholeChain() throws Exception {
        SignedJWT other = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("dev-1", Duration.ofHours(1)).build());
        other.sign(new MACSigner("another-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8)));
        String forged = other.serialize();
        try (DenialCapture log = new DenialCapture()) {
            assertThat(v5Code("wrong-5", "alice", "not-alice-pw")).isEqualTo(0x86);
            assertThat(v3Code("wrong-3", "alice", "not-alice-pw")).isEqualTo(4);
            assertThat(v5Code("forged-5", "dev-1", forged)).isEqualTo(0x86);
            assertThat(v5Code("nobody-5", "nobody", "not-a-token")).as("every link ignored a client with a username").isEqualTo(0x86);
            assertThat(v3Code("nobody-3", "nobody", "not-a-token")).isEqualTo(4);

            await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().size() >= 5);
            assertThat(log.lines()).filteredOn(l -> l.contains("clientid=\"wrong-5\"")).singleElement().asString()
                    .contains("reason=authentication outcome=denied chain=\"password-file: deny (wrong password)\"");
            assertThat(log.lines()).filteredOn(l -> l.contains("clientid=\"nobody-5\"")).singleElement().asString()
                    .contains("outcome=unknown")
                    .contains("chain=\"password-file: ignore (unknown user) → jwt: ignore (");
            assertThat(log.lines()).filteredOn(l -> l.contains("clientid=\"forged-5\"")).singleElement().asString()
                    .contains("jwt: deny (signature not verified");
        }
        assertThat(ob.ops.metrics().authentications().count("bad_password")).isEqualTo(3);
        assertThat(ob.ops.metrics().authentications().count("unknown_user")).isEqualTo(2);
    }

    @Test
    void clientChosenValuesInTheRefusalLineAreCapped() throws Exception {
        String longName = "n".repeat(1_000);
        try (DenialCapture log = new DenialCapture()) {
            assertThat(v5Code("long-user", longName, "x")).isEqualTo(0x86);
            await().atMost(Duration.ofSeconds(5)).until(() -> !log.lines().isEmpty());
            String line = log.lines().get(0);
            assertThat(line).contains("username=\"" + "n".repeat(256) + "\"…(+744 bytes)").doesNotContain("n".repeat(257));
            assertThat(line.length()).isLessThan(1_000);
        }
    }

    @Test
    void theAdminReportShowsWhichAuthenticatorAdmittedTheClientAndWhenItsTokenExpires() throws Exception {
        Instant exp = Instant.now().plus(Duration.ofHours(1));
        v5("hs-admin", "dev-2", hs256(claims("dev-2", Duration.ofHours(1)).build()));
        v5("pw-admin", "alice", "alice-pw");

        JsonNode token = admin("/clients/hs-admin");
        assertThat(token.get("authenticator").asText()).isEqualTo("jwt");
        assertThat(Instant.parse(token.get("credentialsExpireAt").asText())).isBetween(exp.minusSeconds(5), exp.plusSeconds(5));
        JsonNode password = admin("/clients/pw-admin");
        assertThat(password.get("authenticator").asText()).isEqualTo("password-file");
        assertThat(password.get("credentialsExpireAt").isNull()).isTrue();
    }

    @Test
    void aSuperuserClaimAllowsEverythingAndSurvivesAReload() throws Exception {
        V5Client root = v5("root", "dev-9", hs256(claims("dev-9", Duration.ofHours(1)).claim("is_superuser", true).build()));
        V5Client plain = v5("plain", "dev-8", hs256(claims("dev-8", Duration.ofHours(1)).build()));
        assertThat(root.subscribe("devices/someone-else/#", 1)).isEqualTo(1);
        assertThat(plain.subscribe("devices/someone-else/#", 1)).isEqualTo(0x87);
        assertThat(admin("/clients/root").get("superuser").asBoolean()).isTrue();

        Files.writeString(dir.resolve("policy.acl"), POLICY + "deny all to subscribe \"audit/#\"\n");
        assertThat(ob.broker.reload().policy()).isEqualTo(io.topicguard.auth.reload.ReloadResult.Outcome.RELOADED);
        assertThat(root.subscribe("audit/#", 1)).as("still a superuser after the re-bind").isEqualTo(1);
        assertThat(plain.subscribe("audit/#", 1)).isEqualTo(0x87);
    }

    @Test
    void aClientIsDisconnectedWhenItsTokenExpires() throws Exception {
        V5Client c5 = v5("short-5", "dev-3", hs256(claims("dev-3", Duration.ofSeconds(2)).build()));
        V5Client lasting = v5("long-5", "dev-4", hs256(claims("dev-4", Duration.ofHours(1)).build()));
        V3Client c3 = V3Client.connect(ob.port(), "short-3", V3Client.login("dev-3", hs256(claims("dev-3", Duration.ofSeconds(2)).build())));
        toClose.add(c3);

        assertThat(c5.disconnected).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(0x87);
        await().atMost(Duration.ofSeconds(10)).until(() -> c3.lost.getCount() == 0);
        assertThat(lasting.client.isConnected()).isTrue();
        assertThat(V5Client.connectReasonCode(ob.port(), "short-again", V5Client.login("dev-3", hs256(claims("dev-3", Duration.ofSeconds(-5)).build()))))
                .as("the expired token is now refused").isEqualTo(0x86);
    }

    @Test
    void withoutAChainOnlyAnonymousClientsGetIn() throws Exception {
        Path open = dir.resolve("open.acl");
        Files.writeString(open, "anonymous allow\nallow all to publish \"x\"\n");
        try (var bare = io.topicguard.broker.server.Broker.start(io.topicguard.broker.server.BrokerConfig
                .builder(io.topicguard.broker.auth.AccessControl.of(io.topicguard.engine.Policy.load(open))).port(0).ioThreads(1).build())) {
            assertThat(V5Client.connectReasonCode(bare.tcpPort(), "anon", V5Client.options())).isZero();
            assertThat(V5Client.connectReasonCode(bare.tcpPort(), "named", V5Client.login("someone", "pw"))).isEqualTo(0x86);
            V3Client c3 = V3Client.create(bare.tcpPort(), "named-3");
            MqttException e = catchThrowableOfType(MqttException.class, () -> c3.client.connect(V3Client.login("someone", "pw")));
            assertThat(e.getReasonCode()).isEqualTo(4);
            c3.close();
        }
    }

    private JsonNode admin(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ob.ops.adminPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }
}
