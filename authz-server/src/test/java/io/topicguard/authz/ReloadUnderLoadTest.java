package io.topicguard.authz;

import io.topicguard.auth.password.PasswordFileEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Editing the policy (and the password file) while clients keep asking: the answers switch to the
 * new version within the reload's quiet period, every request in between is answered (none fails,
 * none is a 5xx), a client that has seen the new answer never sees the old one again, and a
 * version with errors leaves the last good one in force.
 */
class ReloadUnderLoadTest {

    private static final int CLIENTS = 6;

    @TempDir
    Path dir;

    private TestService service;
    private ExecutorService clients;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<AtomicInteger> allowsSeen = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        service = TestService.start(dir, "default deny\nanonymous deny\nallow username \"u\" to publish \"a/#\"\n", Map.of("u", "pw-1"));
        clients = Executors.newFixedThreadPool(CLIENTS);
    }

    @AfterEach
    void stop() throws Exception {
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        service.close();
    }

    /** Asks {@code topic} over and over; after the first allow, a deny is a failure (answers never flip back). */
    private void askContinuously(int client, String topic) {
        AtomicInteger allows = new AtomicInteger();
        allowsSeen.add(allows);
        clients.submit(() -> {
            String body = "{\"username\":\"u\",\"clientid\":\"c" + client + "\",\"action\":\"publish\",\"topic\":\"" + topic + "\"}";
            while (running.get()) {
                try {
                    HttpResponse<String> response = service.post("/emqx/authz", body);
                    String result = response.statusCode() == 200 ? TestService.json(response).get("result").asText() : null;
                    if (result == null || !(result.equals("allow") || result.equals("deny"))) {
                        failures.add(response.statusCode() + " " + response.body());
                    } else if (result.equals("allow")) {
                        allows.incrementAndGet();
                    } else if (allows.get() > 0) {
                        failures.add("client " + client + " saw deny after allow");
                    }
                    answered.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
            }
        });
    }

    @Test
    void answersSwitchToTheEditedPolicyAndNoneFail() throws Exception {
        for (int c = 0; c < CLIENTS; c++) {
            askContinuously(c, "b/" + c);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> answered.get() > 50);
        assertThat(allowsSeen).allMatch(a -> a.get() == 0);

        // An edit with an error first: logged, and the last good version stays in force.
        Files.writeString(service.policyFile, "default deny\nallow username \"u\" to publsh \"b/#\"\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> service.reloader.status().lastError() != null);
        int before = answered.get();
        await().atMost(Duration.ofSeconds(20)).until(() -> answered.get() > before + 50);
        assertThat(allowsSeen).allMatch(a -> a.get() == 0);

        Files.writeString(service.policyFile, "default deny\nanonymous deny\nallow username \"u\" to publish \"a/#\", \"b/#\"\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> allowsSeen.stream().allMatch(a -> a.get() > 20));
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
    }

    @Test
    void aChangedPasswordIsInForceWithoutARestart() throws Exception {
        String authn = "{\"username\":\"u\",\"password\":\"%s\",\"clientid\":\"c\"}";
        assertThat(TestService.json(service.post("/emqx/authn", authn.formatted("pw-1"))).get("result").asText()).isEqualTo("allow");

        PasswordFileEditor.setPassword(service.passwordFile, "u", "pw-2".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(TestService.json(service.post("/emqx/authn", authn.formatted("pw-2"))).get("result").asText()).isEqualTo("allow"));
        assertThat(TestService.json(service.post("/emqx/authn", authn.formatted("pw-1"))).get("result").asText()).isEqualTo("deny");
    }
}
