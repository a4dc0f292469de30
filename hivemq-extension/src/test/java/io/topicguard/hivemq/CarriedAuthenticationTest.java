package io.topicguard.hivemq;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.topicguard.auth.reload.Reloader;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the authentication chain returns, applied inside HiveMQ as topicguard's broker applies it
 * (docs/hivemq.md, docs/authentication.md): rules a JWT carries are evaluated where the policy says
 * {@code client rules}, for that client only, and kept across a reload; a set that cannot be
 * compiled refuses the CONNECT; the token's superuser claim allows every valid publish and
 * subscribe; the client is disconnected when its token expires. Tokens are minted here.
 */
class CarriedAuthenticationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!!";
    private static final String POLICY = """
            anonymous deny
            default deny
            deny all to subscribe "secret/#"
            client rules
            allow all to subscribe "devices/${username}/#"
            """;

    private static EmbeddedTopicguard hivemq;

    @BeforeAll
    static void start() throws Exception {
        hivemq = EmbeddedTopicguard.start(EmbeddedTopicguard.folder("""
                policy: policy.acl
                authentication:
                  - jwt: {secret: "%s", leeway: 0s}
                """.formatted(SECRET), "policy.acl", POLICY));
    }

    @AfterAll
    static void stop() throws Exception {
        hivemq.close();
    }

    private static String token(String sub, @Nullable List<Map<String, Object>> acl, boolean superuser, Instant expires) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(sub).expirationTime(Date.from(expires));
        if (acl != null) {
            claims.claim("acl", acl);
        }
        if (superuser) {
            claims.claim("is_superuser", true);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String token(String sub, @Nullable List<Map<String, Object>> acl) throws Exception {
        return token(sub, acl, false, Instant.now().plusSeconds(3600));
    }

    private static Map<String, Object> allowSubscribe(String topic) {
        return Map.of("permission", "allow", "action", "subscribe", "topic", topic);
    }

    @Test
    void carriedRulesApplyWhereThePolicySaysForThatClientOnlyAndSurviveAReload() throws Exception {
        String withRules = token("dev-1", List.of(allowSubscribe("extra/${clientid}/#"), allowSubscribe("secret/#")));
        try (V5Client dev = V5Client.connect(hivemq.port(), "c1", V5Client.login("dev-1", withRules));
             V5Client other = V5Client.connect(hivemq.port(), "c2", V5Client.login("dev-2", token("dev-2", null)));
             V3Client dev3 = V3Client.connect(hivemq.port(), "c3", V3Client.login("dev-1", withRules))) {
            assertThat(dev.subscribe("extra/c1/#", 1)).isEqualTo(1);
            assertThat(dev3.subscribe("extra/c3/#", 1)).isEqualTo(1);
            assertThat(dev.subscribe("devices/dev-1/#", 1)).as("the policy's rules after 'client rules' still apply").isEqualTo(1);
            assertThat(dev.subscribe("secret/#", 1)).as("the policy's deny comes before 'client rules'").isEqualTo(0x87);
            assertThat(other.subscribe("extra/c1/#", 1)).as("never widens another client's access").isEqualTo(0x87);

            try (LogLines reloads = new LogLines(Reloader.DEFAULT_LOGGER)) {
                Files.writeString(hivemq.dir().resolve("policy.acl"), POLICY + "allow all to subscribe \"news/#\"\n");
                await().atMost(WAIT).until(() -> reloads.lines().stream().anyMatch(l -> l.contains("reloaded policy")));
            }
            assertThat(dev.subscribe("news/#", 1)).as("the new policy is in force").isEqualTo(1);
            assertThat(dev.subscribe("extra/c1/more/#", 1)).as("re-bound with its carried rules").isEqualTo(1);
        } finally {
            Files.writeString(hivemq.dir().resolve("policy.acl"), POLICY);
        }
    }

    @Test
    void aCarriedSetThatCannotBeCompiledRefusesTheConnectWithTheCauseInTheLog() throws Exception {
        // Well-formed for the token's parser, but deeper than any rule may be: only compiling it finds out.
        String deep = "l/".repeat(300) + "x";
        String broken = token("dev-1", List.of(allowSubscribe("ok/#"), Map.of("permission", "allow", "action", "publish", "topic", deep)));
        try (LogLines denials = new LogLines()) {
            assertThat(V5Client.connectReasonCode(hivemq.port(), "bad-5", V5Client.login("dev-1", broken))).isEqualTo(0x86);
            await().atMost(WAIT).until(() -> denials.lines().stream().anyMatch(l -> l.contains("bad-5")));
            assertThat(denials.lines()).filteredOn(l -> l.contains("bad-5")).singleElement().asString()
                    .contains("deny connect").contains("client rule #2 (jwt)");
        }
    }

    @Test
    void aSuperuserTokenAllowsWhatThePolicyDoesNotAndOthersStayBound() throws Exception {
        Instant hour = Instant.now().plusSeconds(3600);
        try (V5Client admin = V5Client.connect(hivemq.port(), "admin-1", V5Client.login("admin", token("admin", null, true, hour)));
             V5Client plain = V5Client.connect(hivemq.port(), "plain-1", V5Client.login("plain", token("plain", null)))) {
            assertThat(admin.subscribe("secret/#", 1)).as("superuser: the policy's deny does not apply").isEqualTo(1);
            assertThat(admin.subscribe("anything/+", 1)).as("superuser: nor its default").isEqualTo(1);
            assertThat(plain.subscribe("anything/+", 1)).isEqualTo(0x87);
            assertThat(admin.publish("secret/a", "classified", 1, false)).isZero();
            assertThat(admin.next(WAIT).payload()).isEqualTo("classified");
        }
    }

    @Test
    void aClientIsDisconnectedWhenItsTokenExpires() throws Exception {
        // JWT expiry has whole seconds; the leeway is 0, so the credentials stop holding at exp itself.
        Instant soon = Instant.now().plusSeconds(3);
        try (V5Client v5 = V5Client.connect(hivemq.port(), "expiring-5", V5Client.login("dev-5", token("dev-5", null, false, soon)));
             V3Client v3 = V3Client.connect(hivemq.port(), "expiring-3", V3Client.login("dev-3", token("dev-3", null, false, soon)));
             V5Client lasting = V5Client.connect(hivemq.port(), "lasting", V5Client.login("dev-6", token("dev-6", null)))) {
            assertThat(v5.disconnected.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("DISCONNECT Not authorized").isEqualTo(0x87);
            assertThat(v3.lost.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("MQTT 3.1.1: the connection is closed").isTrue();
            assertThat(lasting.client.isConnected()).as("a token that has not expired keeps its connection").isTrue();
        }
    }
}
