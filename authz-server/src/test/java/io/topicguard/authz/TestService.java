package io.topicguard.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.Authenticators;
import io.topicguard.auth.config.HttpServerConfig;
import io.topicguard.auth.config.PasswordFileConfig;
import io.topicguard.auth.password.PasswordFileEditor;
import io.topicguard.auth.reload.PolicySource;
import io.topicguard.auth.reload.Reloader;
import io.topicguard.engine.Policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A real decision service on an ephemeral loopback port, wired as {@code authz-server} wires it: a
 * policy file and a password file in a temporary directory, the chain over that password file, a
 * {@link Reloader} watching both, and a JDK HTTP client (keep-alive).
 */
final class TestService implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final Path policyFile;
    final Path passwordFile;
    /** The policy in force, as the service sees it. */
    final Supplier<Policy> policy;
    final Reloader reloader;
    final AuthenticationChain chain;
    final AuthzServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private TestService(Path policyFile, Path passwordFile, Reloader reloader, AuthenticationChain chain, AuthzServer server) {
        this.policyFile = policyFile;
        this.passwordFile = passwordFile;
        this.reloader = reloader;
        this.policy = reloader::policy;
        this.chain = chain;
        this.server = server;
    }

    /** @param users username → password, written to a mosquitto-format password file */
    static TestService start(Path dir, String policyText, Map<String, String> users) throws Exception {
        return start(Files.writeString(dir.resolve("policy.acl"), policyText), users);
    }

    /** A service over an existing policy file; the password file goes next to it. */
    static TestService start(Path policyFile, Map<String, String> users) throws Exception {
        Path dir = policyFile.getParent();
        Path passwd = Files.writeString(dir.resolve("passwd"), "");
        for (Map.Entry<String, String> user : users.entrySet()) {
            PasswordFileEditor.setPassword(passwd, user.getKey(), user.getValue().getBytes(StandardCharsets.UTF_8));
        }
        AuthenticationChain chain = new AuthenticationChain(
                Authenticators.create(List.of(new PasswordFileConfig(passwd)), Clock.systemUTC()), 2, 100);
        // As authz-server runs: the policy and the password file reloaded when they change.
        PolicySource source = PolicySource.of(policyFile);
        Reloader reloader = Reloader.builder().policy(source, source.load()).passwordFiles(chain).build();
        reloader.watch(Reloader.DEFAULT_QUIET);
        AuthzServer server = AuthzServer.start(new HttpServerConfig(0, "127.0.0.1", null), null, reloader::policy, chain);
        return new TestService(policyFile, passwd, reloader, chain, server);
    }

    /** {@code FILE:LINE} of the policy file as decisions name it. */
    String line(int line) {
        return policyFile + ":" + line;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** POSTs {@code body}; {@code headers} are name, value pairs. */
    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** A request body from the contracts folder, its {@code #} comment lines (the source) left out. */
    static String contract(String name) {
        try (InputStream in = TestService.class.getResourceAsStream("/contracts/" + name)) {
            if (in == null) {
                throw new AssertionError("no test resource contracts/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        reloader.close();
        chain.close();
    }
}
