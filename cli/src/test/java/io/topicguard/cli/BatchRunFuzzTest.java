package io.topicguard.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check --batch} on any input: exactly one JSON answer line per non-blank query line, each
 * a decision or an {@code error}, and the run never stops early or throws (docs/cli.md).
 */
class BatchRunFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Policy POLICY = policy("""
            ban clientid ~ "^mallory-"
            superuser username "admin" and ip "127.0.0.1"
            allow all to publish, subscribe "devices/${username}/#" qos 0..1
            allow listener "tls" and cn in ["a", "b"] to subscribe "$SYS/#"
            deny ip "10.0.0.0/8" to all any
            allow all to publish "public/+" retain false
            """);

    private static Policy policy(String text) {
        try {
            return Policy.fromString("batch.acl", text);
        } catch (PolicyLoadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void answer(byte[] input) throws IOException {
        StringWriter answers = new StringWriter();
        BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8));
        new BatchRun(POLICY, new PrintWriter(answers)).run(in);

        // The line numbers of the query lines, as the run counts them (BufferedReader's lines).
        List<Integer> queries = new ArrayList<>();
        List<String> all = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8)).lines().toList();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).isBlank()) {
                queries.add(i + 1);
            }
        }
        String[] lines = answers.toString().split("\n", -1);
        assertThat(lines.length - 1).as("one answer per query line").isEqualTo(queries.size());
        assertThat(lines[lines.length - 1]).isEmpty();
        for (int i = 0; i < queries.size(); i++) {
            JsonNode answer = JSON.readTree(lines[i]);
            if (answer.has("error")) {
                assertThat(answer.get("error").asText()).startsWith("line " + queries.get(i) + ": ");
            } else {
                assertThat(answer.get("decision").asText()).isIn("allow", "deny", "partial");
            }
        }
    }
}
