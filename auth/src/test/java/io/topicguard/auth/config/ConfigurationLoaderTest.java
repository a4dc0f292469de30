package io.topicguard.auth.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigurationLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private Configuration load(String yaml) throws Exception {
        return ConfigurationLoader.load(write("topicguard.yaml", yaml), Map.of("SECRET", "s".repeat(32), "PORT", "1884")::get);
    }

    @Test
    void theDesignsMinimalFileReadsIntoRecordsWithPathsBesideTheFile() throws Exception {
        write("policy.acl", "");
        write("passwd", "");
        write("server.pem", "");
        write("server.key", "");
        write("ca.pem", "");
        Configuration config = load("""
                policy: policy.acl                 # or {file: ..., format: native|mosquitto|emqx}
                listeners:
                  - {name: tcp, port: 1883, bind: 127.0.0.1}
                  - {name: tls, port: 8883, tls: {cert: server.pem, key: server.key, cafile: ca.pem, require-client-cert: false}}
                  - {name: ws,  port: 8080, websocket: {path: /mqtt}}
                authentication:
                  - password-file: passwd
                persistence: {dir: data}
                metrics: {port: 9100, bind: 127.0.0.1}
                """);

        assertThat(config.policy()).isEqualTo(new PolicyConfig(dir.resolve("policy.acl"), PolicyFormat.NATIVE));
        assertThat(config.listeners()).containsExactly(
                new ListenerConfig("tcp", 1883, "127.0.0.1", null, null),
                new ListenerConfig("tls", 8883, "127.0.0.1",
                        new TlsConfig(dir.resolve("server.pem"), dir.resolve("server.key"), dir.resolve("ca.pem"), false), null),
                new ListenerConfig("ws", 8080, "127.0.0.1", null, new WebSocketConfig("/mqtt")));
        assertThat(config.authentication()).containsExactly(new PasswordFileConfig(dir.resolve("passwd")));
        assertThat(config.persistence()).isEqualTo(new PersistenceConfig(dir.resolve("data")));
        assertThat(config.metrics()).isEqualTo(new MetricsConfig(9100, "127.0.0.1"));
        assertThat(config.http()).isNull();
        assertThat(config.trustsUsernames()).isFalse();
        assertThat(config.listener("tls").tls().cafile()).isEqualTo(dir.resolve("ca.pem"));
    }

    @Test
    void everyAuthenticatorWithItsSettingsAndDefaults() throws Exception {
        write("keys/jwt.pem", "");
        Configuration config = load("""
                authentication:
                  - jwt:
                      secret: ${env:SECRET}
                      leeway: 500ms
                      claims: {sub: "${username}", clientid: "${clientid}"}
                  - jwt:
                      from: username
                      public-key: keys/jwt.pem
                      require-exp: false
                      superuser-claim: admin
                      acl-claim: rules
                      disconnect-on-expiry: false
                  - jwt: {jwks: {url: "https://idp.example/.well-known/jwks.json", refresh: 1h}}
                  - http:
                      url: http://auth.local:8080/mqtt/${clientid}
                      method: get
                      headers: {X-Api-Key: k}
                      body: {u: "${username}", ip: "${peerhost}"}
                      timeout: 1500ms
                      pool: 4
                  - http: {url: "https://auth.local/"}
                  - trust-username: true
                """);

        List<AuthenticatorConfig> chain = config.authentication();
        assertThat(chain).hasSize(6);
        JwtConfig hmac = (JwtConfig) chain.get(0);
        assertThat(hmac.from()).isEqualTo(JwtConfig.TokenSource.PASSWORD);
        assertThat(hmac.secretBytes()).hasSize(32);
        assertThat(hmac.leeway()).isEqualTo(Duration.ofMillis(500));
        assertThat(hmac.requireExp()).isTrue();
        assertThat(hmac.claims()).isEqualTo(Map.of("sub", "${username}", "clientid", "${clientid}"));
        assertThat(hmac.superuserClaim()).isEqualTo("is_superuser");
        assertThat(hmac.aclClaim()).isEqualTo("acl");
        assertThat(hmac.disconnectOnExpiry()).isTrue();
        assertThat(hmac.toString()).doesNotContain("sssss").contains("secret (hidden)");

        JwtConfig pem = (JwtConfig) chain.get(1);
        assertThat(pem.from()).isEqualTo(JwtConfig.TokenSource.USERNAME);
        assertThat(pem.publicKey()).isEqualTo(dir.resolve("keys/jwt.pem"));
        assertThat(pem.leeway()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pem.requireExp()).isFalse();
        assertThat(pem.superuserClaim()).isEqualTo("admin");
        assertThat(pem.aclClaim()).isEqualTo("rules");
        assertThat(pem.disconnectOnExpiry()).isFalse();

        assertThat(((JwtConfig) chain.get(2)).jwks())
                .isEqualTo(new JwksConfig(URI.create("https://idp.example/.well-known/jwks.json"), Duration.ofHours(1)));

        assertThat(chain.get(3)).isEqualTo(new HttpAuthConfig("http://auth.local:8080/mqtt/${clientid}", HttpAuthConfig.Method.GET,
                Map.of("X-Api-Key", "k"), Map.of("u", "${username}", "ip", "${peerhost}"), Duration.ofMillis(1500), 4));
        assertThat(chain.get(3).toString()).doesNotContain("=k").contains("X-Api-Key");
        assertThat(chain.get(4)).isEqualTo(new HttpAuthConfig("https://auth.local/", HttpAuthConfig.Method.POST, Map.of(),
                HttpAuthConfig.DEFAULT_BODY, Duration.ofSeconds(2), 16));
        assertThat(chain.get(5)).isEqualTo(new TrustUsernameConfig());
        assertThat(config.trustsUsernames()).isTrue();
    }

    @Test
    void policyWithAFormatPersistenceOffAndTheHttpServer() throws Exception {
        write("emqx/acl.conf", "");
        write("tls/cert.pem", "");
        write("tls/key.pem", "");
        Configuration config = load("""
                policy: {file: emqx/acl.conf, format: emqx}
                persistence: false
                http: {port: 8443, bind: 0.0.0.0, tls: {cert: tls/cert.pem, key: tls/key.pem}}
                authentication:
                  - trust-username: false
                """);

        assertThat(config.policy()).isEqualTo(new PolicyConfig(dir.resolve("emqx/acl.conf"), PolicyFormat.EMQX));
        assertThat(config.persistence()).isEqualTo(PersistenceConfig.MEMORY_ONLY);
        assertThat(config.persistence().enabled()).isFalse();
        assertThat(config.http()).isEqualTo(new HttpServerConfig(8443, "0.0.0.0",
                new TlsConfig(dir.resolve("tls/cert.pem"), dir.resolve("tls/key.pem"), null, false)));
        assertThat(config.authentication()).isEmpty();
        assertThat(config.listeners()).isEmpty();
    }

    @Test
    void absentPersistenceIsDataBesideTheFileAndEnvironmentFillsTypedValues() throws Exception {
        Configuration config = load("""
                listeners:
                  - {name: tcp, port: "${env:PORT}"}
                """);

        assertThat(config.persistence()).isEqualTo(new PersistenceConfig(dir.resolve("data")));
        assertThat(config.listeners()).containsExactly(new ListenerConfig("tcp", 1884, "127.0.0.1", null, null));
        assertThat(config.policy()).isNull();
    }

    @Test
    void limitsSectionSetsWhatItNamesAndLeavesTheRestToTheBroker() throws Exception {
        Configuration config = load("""
                limits:
                  max-queued-messages: 500
                  queue-overflow: drop-oldest
                  persistent-session-expiry: 24h
                  incomplete-packet-timeout: 30s
                  receive-maximum: 20
                  auth-queue: 50000
                """);

        assertThat(config.limits()).isEqualTo(new LimitsConfig(null, 500, null, "drop-oldest", null, null, null, null, null, null,
                java.time.Duration.ofHours(24), null, java.time.Duration.ofSeconds(30), 20, 50_000));
        assertThat(load("listeners: []\n").limits()).isNull();
    }

    @Test
    void aMissingConfigurationFileIsOneLocatedProblem() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigurationLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ":1:1: error: configuration file not found");
    }

    @Test
    void anEmptyFileSaysSo() throws Exception {
        Path file = write("empty.yaml", "# nothing here\n");
        assertThatThrownBy(() -> ConfigurationLoader.load(file))
                .hasMessage(file + ":1:1: error: the configuration file is empty");
    }

    @Test
    void brokenYamlIsReportedWhereTheParserStopped() throws Exception {
        Path file = write("broken.yaml", "listeners:\n  - {name: tcp, port: 1883\nmetrics: {port: 9100}\n");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ConfigurationLoader.load(file));
        assertThat(e.problems()).hasSize(1);
        ConfigProblem problem = e.problems().get(0);
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.message()).startsWith("not valid YAML: ");
    }
}
