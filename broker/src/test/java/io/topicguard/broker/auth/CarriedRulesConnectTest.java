package io.topicguard.broker.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.Authenticators;
import io.topicguard.auth.config.JwtConfig;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.auth.reload.ReloadResult;
import io.topicguard.broker.ops.OperationsOptions;
import io.topicguard.broker.testing.DenialCapture;
import io.topicguard.broker.testing.OperatedBroker;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rules carried by a JWT's {@code acl} claim, through the broker (docs/semantics.md, Client rules):
 * evaluated where the policy says {@code client rules}, after the rules above it, for that client
 * only; kept across a reload; a carried set that cannot be compiled refuses the CONNECT (0x86 / 4)
 * with the rule and the cause in the log.
 */
class CarriedRulesConnectTest {

    private static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final String POLICY = """
            anonymous deny
            default deny
            deny all to subscribe "secret/#"
            client rules
            allow all to subscribe "devices/${username}/#"
            """;

    @TempDir
    Path dir;

    private OperatedBroker ob;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("policy.acl"), POLICY);
        JwtConfig jwt = new JwtConfig(JwtConfig.TokenSource.PASSWORD, new String(SECRET, StandardCharsets.UTF_8), false, null, null,
                JwtConfig.DEFAULT_LEEWAY, true, Map.of("sub", "${username}"), JwtConfig.DEFAULT_SUPERUSER_CLAIM, JwtConfig.DEFAULT_ACL_CLAIM, true);
        ob = OperatedBroker.start(PolicySource.of(dir.resolve("policy.acl")),
                AuthenticationChain.of(Authenticators.create(List.of(jwt), Clock.systemUTC())),
                OperationsOptions.defaults().withAdminPort(0, "127.0.0.1").withSysInterval(Duration.ZERO));
    }

    @AfterEach
    void stop() {
        ob.close();
    }

    private static String token(String sub, List<Map<String, Object>> acl) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(sub).expirationTime(Date.from(Instant.now().plusSeconds(3600)));
        if (acl != null) {
            claims.claim("acl", acl);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    private static Map<String, Object> allowSubscribe(String topic) {
        return Map.of("permission", "allow", "action", "subscribe", "topic", topic);
    }

    @Test
    void carriedRulesApplyWhereThePolicySaysForThatClientOnlyAndSurviveAReload() throws Exception {
        String withRules = token("dev-1", List.of(allowSubscribe("extra/${clientid}/#"), allowSubscribe("secret/#")));
        try (V5Client dev = V5Client.connect(ob.port(), "c1", V5Client.login("dev-1", withRules));
             V5Client other = V5Client.connect(ob.port(), "c2", V5Client.login("dev-2", token("dev-2", null)));
             V3Client dev3 = V3Client.connect(ob.port(), "c3", V3Client.login("dev-1", withRules))) {
            assertThat(dev.subscribe("extra/c1/#", 1)).isEqualTo(1);
            assertThat(dev3.subscribe("extra/c3/#", 1)).isEqualTo(1);
            assertThat(dev.subscribe("secret/#", 1)).as("the policy's deny comes before 'client rules'").isEqualTo(0x87);
            assertThat(other.subscribe("extra/c1/#", 1)).as("never widens another client's access").isEqualTo(0x87);

            Files.writeString(dir.resolve("policy.acl"), POLICY + "allow all to subscribe \"news/#\"\n");
            assertThat(ob.broker.reload().policy()).isEqualTo(ReloadResult.Outcome.RELOADED);
            assertThat(dev.subscribe("extra/c1/more/#", 1)).as("re-bound with its carried rules").isEqualTo(1);
            assertThat(dev.subscribe("news/#", 1)).isEqualTo(1);
        }
    }

    @Test
    void aCarriedSetThatCannotBeCompiledRefusesTheConnectWithTheCauseInTheLog() throws Exception {
        // Well-formed for the token's parser, but deeper than any rule may be: only compiling it finds out.
        String deep = "l/".repeat(300) + "x";
        String broken = token("dev-1", List.of(allowSubscribe("ok/#"), Map.of("permission", "allow", "action", "publish", "topic", deep)));
        try (DenialCapture log = new DenialCapture()) {
            assertThat(V5Client.connectReasonCode(ob.port(), "bad-5", V5Client.login("dev-1", broken))).isEqualTo(0x86);
            V3Client c3 = V3Client.create(ob.port(), "bad-3");
            var e = org.assertj.core.api.Assertions.catchThrowableOfType(org.eclipse.paho.client.mqttv3.MqttException.class,
                    () -> c3.client.connect(V3Client.login("dev-1", broken)));
            assertThat(e.getReasonCode()).isEqualTo(4);
            c3.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().stream().anyMatch(l -> l.contains("bad-3")));
            assertThat(log.lines()).filteredOn(l -> l.contains("bad-5")).singleElement().asString()
                    .contains("outcome=rules").contains("client rule #2 (jwt)").contains("more than 256 levels");
        }
    }
}
