package io.topicguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * {@code check --batch}: one answer line per query line (docs/cli.md). Blank lines are skipped
 * without an answer; a malformed line gets {@code {"error":"line N: ..."}} and the run goes on.
 * Answers are flushed whenever no more input is waiting, so a caller may also talk to it one
 * query at a time through a pipe.
 */
final class BatchRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Policy policy;
    private final PrintWriter out;

    BatchRun(Policy policy, PrintWriter out) {
        this.policy = policy;
        this.out = out;
    }

    /** Answers every line of {@code in} until end of input. */
    void run(BufferedReader in) throws IOException {
        long lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            out.print(answer(lineNumber, line));
            out.print('\n');
            if (!in.ready()) {
                out.flush();
            }
        }
        out.flush();
    }

    private String answer(long lineNumber, String line) {
        ObjectNode answer = JSON.createObjectNode();
        try {
            Decision decision = BatchQuery.parse(line).ask(policy).decision();
            answer.put("decision", decision.verdict().word());
            answer.put("reason", decision.reason().word());
            answer.put("source", decision.source() == null ? null : decision.source().fileAndLine());
        } catch (BatchQuery.Malformed e) {
            answer.put("error", "line " + lineNumber + ": " + e.getMessage());
        }
        return answer.toString();
    }
}
