package io.topicguard.cli;

import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code diff --queries}: every recorded query (check --batch's JSON Lines) the two policies answer differently. */
final class QueryChanges {

    private QueryChanges() {
    }

    /** @param line the query's 1-based line in the file; {@code query} its text as written */
    record Change(long line, String query, Decision before, Decision after) {
    }

    /** @param malformed one {@code FILE:LINE: error: ...} per line that is not a query */
    record Result(List<Change> changes, List<String> malformed) {
    }

    static Result between(Path file, Policy before, Policy after) throws IOException {
        List<Change> changes = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                CheckQuestion question;
                try {
                    question = BatchQuery.parse(line);
                } catch (BatchQuery.Malformed e) {
                    malformed.add(file + ":" + number + ": error: " + e.getMessage());
                    continue;
                }
                Decision a = question.ask(before).decision();
                Decision b = question.ask(after).decision();
                if (a.verdict() != b.verdict()) {
                    changes.add(new Change(number, line.strip(), a, b));
                }
            }
        }
        return new Result(changes, malformed);
    }
}
