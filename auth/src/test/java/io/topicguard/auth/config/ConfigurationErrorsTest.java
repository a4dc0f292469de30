package io.topicguard.auth.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One file with every kind of mistake: each is reported, at its line and column, in one go. */
class ConfigurationErrorsTest {

    @TempDir
    Path dir;

    private List<String> problems(String yaml) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigurationLoader.load(file, Map.of("PRESENT", "x")::get));
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems().stream().map(ConfigProblem::toString).toList()));
        return e.problems().stream().map(p -> p.toString().substring(file.toString().length() + 1)).toList();
    }

    @Test
    void everyKindOfProblemIsReportedAtItsPositionAllAtOnce() throws Exception {
        Files.writeString(dir.resolve("passwd"), "");
        List<String> problems = problems("""
                polcy: policy.acl
                listeners:
                  - {name: tcp, port: 70000, bnid: 0.0.0.0}
                  - {name: tls, port: 8883, tls: {cert: missing.pem, key: passwd}}
                  - {name: tcp, port: abc}
                  - {port: 1}
                authentication:
                  - password-file: passwd
                  - pasword-file: passwd
                  - jwt: {secret: "${env:JWT_SECRET}", leeway: 5 minutes}
                  - jwt: {secret: short, public-key: passwd}
                  - http: {url: "ftp://auth/", timeout: 2x, pool: 0, body: {u: "${usrname}"}}
                  - trust-username: yes please
                persistence: true
                metrics: {port: -1}
                http: [8080]
                """);

        assertThat(problems).containsExactly(
                "1:1: error: unknown key 'polcy' in the configuration: did you mean 'policy'?",
                "3:23: error: bad port 70000: ports are 0 to 65535 (0 picks a free port)",
                "3:30: error: unknown key 'bnid' in a listener: did you mean 'bind'?",
                "4:41: error: certificate file 'missing.pem' not found: looked for " + dir.resolve("missing.pem"),
                "5:23: error: port must be a whole number, found the string 'abc'",
                "6:5: error: a listener needs 'name'",
                "9:5: error: unknown authenticator 'pasword-file': did you mean 'password-file'?",
                "10:19: error: environment variable JWT_SECRET is not set",
                "10:48: error: bad duration '5 minutes' for 'leeway': write a number and a unit, e.g. 500ms, 2s, 5m or 1h",
                "11:10: error: jwt needs exactly one of secret, public-key, jwks; found secret and public-key",
                "11:19: error: secret is 5 bytes; HMAC-signed tokens (HS256) need at least 32 (256 bits)",
                "12:17: error: url must be an http:// or https:// URL with a host, found 'ftp://auth/'",
                "12:41: error: bad duration '2x' for 'timeout': write a number and a unit, e.g. 500ms, 2s, 5m or 1h",
                "12:51: error: bad pool 0: pool is 1 to 1024 connections",
                "12:60: error: unknown placeholder '${usrname}': did you mean ${username}?",
                "13:21: error: trust-username must be true or false, found the string 'yes please'",
                "14:14: error: persistence is {dir: DIRECTORY} or false (memory only), found true",
                "15:17: error: bad port -1: ports are 0 to 65535 (0 picks a free port)",
                "16:7: error: http must be a map, found a list");
    }

    @Test
    void wrongTypesAreNamedWithWhatWasFound() throws Exception {
        assertThat(problems("""
                listeners: {name: tcp}
                authentication: password-file
                metrics: {port: 9100, bind: [a]}
                http: {port: "${env:HTTP_PORT}", bind: "${env:PRESENT}-${env:}"}
                """)).containsExactly(
                "1:12: error: listeners must be a list, e.g. - {name: tcp, port: 1883}; found a map",
                "2:17: error: authentication must be a list, e.g. - password-file: passwd; found the string 'password-file'",
                "3:29: error: 'bind' must be a string, found a list",
                "4:14: error: environment variable HTTP_PORT is not set",
                "4:40: error: '${env:}' does not name an environment variable (letters, digits and '_')");
    }

    @Test
    void jwtAndHttpSectionsCheckTheirOwnKeys() throws Exception {
        assertThat(problems("""
                authentication:
                  - jwt: {secret: "${env:PRESENT}${env:PRESENT}", secret-base64: true, laeway: 1s, jwks: {url: x}}
                  - jwt: {jwks: {url: "https://idp/keys", refresh: 0s}, claims: {sub: "${user}"}, from: header}
                  - http: {method: put}
                  - {password-file: a, jwt: b}
                  - just-a-string
                  - http: {url: "mqtt://${clientid}"}
                """)).containsExactly(
                "2:10: error: jwt needs exactly one of secret, public-key, jwks; found secret and jwks",
                "2:19: error: secret is 1 bytes; HMAC-signed tokens (HS256) need at least 32 (256 bits)",
                "2:72: error: unknown key 'laeway' in jwt: did you mean 'leeway'?",
                "2:96: error: jwks url must be an http:// or https:// URL with a host, found 'x'",
                "3:52: error: 'refresh' must be longer than 0",
                "3:65: error: unknown placeholder '${user}': did you mean ${username}?",
                "3:89: error: unknown token source 'header'; expected password, username",
                "4:11: error: http needs 'url'",
                "4:20: error: unknown method 'put'; expected post, get",
                "5:5: error: each authentication entry is one authenticator, e.g. - password-file: passwd; found a map with 2 keys",
                "6:5: error: each authentication entry is one authenticator, e.g. - password-file: passwd; found the string 'just-a-string'",
                "7:17: error: url must be an http:// or https:// URL with a host, found 'mqtt://${clientid}'");
    }

    @Test
    void duplicateKeysAndListenerNamesAndTlsWithoutACaForClientCertificates() throws Exception {
        Files.writeString(dir.resolve("c.pem"), "");
        assertThat(problems("""
                metrics: {port: 1}
                metrics: {port: 2}
                listeners:
                  - {name: a, port: 1, tls: {cert: c.pem, key: c.pem, require-client-cert: true}, websocket: {path: mqtt}}
                  - {name: b, port: 2}
                  - {name: b, port: 3}
                """)).containsExactly(
                "2:1: error: 'metrics' is given twice (first on line 1)",
                "4:55: error: require-client-cert needs a cafile to check client certificates against",
                "4:101: error: websocket path must start with '/', found 'mqtt'",
                "6:5: error: listener name 'b' is already used on line 5");
    }

    @Test
    void badLimitsAreLocatedProblems() throws Exception {
        assertThat(problems("""
                limits:
                  max-sessions: 0
                  queue-overflow: drop-some
                  max-topics: 3
                """)).hasSize(3).allSatisfy(p -> assertThat(p).containsAnyOf("max-sessions", "queue-overflow", "max-topics"));
    }

    @Test
    void anAuthenticationQueueOutsideItsRangeIsALocatedProblem() throws Exception {
        assertThat(problems("""
                limits:
                  auth-queue: 0
                """)).singleElement().asString().startsWith("2:").contains("auth-queue").contains("from 1 to 1048576");
    }
}
