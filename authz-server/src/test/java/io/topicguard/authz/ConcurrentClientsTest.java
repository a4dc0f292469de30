package io.topicguard.authz;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Many keep-alive clients at once, each asking every endpoint: every answer is the right one. */
class ConcurrentClientsTest extends ContractServiceTest {

    @Test
    void sixteenClientsAskingTogetherEachGetTheirOwnAnswers() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                int client = c;
                runs.add(CompletableFuture.runAsync(() -> ask(client), clients));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } finally {
            clients.shutdownNow();
        }
    }

    /** Alternates allowed and denied questions, so an answer sent to the wrong request shows. */
    private static void ask(int client) {
        for (int i = 0; i < 60; i++) {
            boolean allowed = (i + client) % 2 == 0;
            String topic = allowed ? "a/" + client + "/" + i : "z/" + client + "/" + i;
            HttpResponse<String> emqx = service.post("/emqx/authz",
                    "{\"username\":\"username\",\"clientid\":\"c" + client + "\",\"action\":\"publish\",\"topic\":\"" + topic + "\"}");
            assertThat(TestService.json(emqx).get("result").asText()).as(topic).isEqualTo(allowed ? "allow" : "deny");
            HttpResponse<String> mosquitto = service.post("/mosquitto/acl",
                    "{\"username\":\"username\",\"clientid\":\"c" + client + "\",\"acc\":2,\"topic\":\"" + topic + "\"}");
            assertThat(mosquitto.statusCode()).as(topic).isEqualTo(allowed ? 200 : 403);
            if (i % 10 == 0) {
                String password = allowed ? "password" : "wrong";
                HttpResponse<String> authn = service.post("/emqx/authn",
                        "{\"username\":\"username\",\"password\":\"" + password + "\",\"clientid\":\"c" + client + "\"}");
                assertThat(TestService.json(authn).get("result").asText()).isEqualTo(allowed ? "allow" : "deny");
            }
        }
    }
}
