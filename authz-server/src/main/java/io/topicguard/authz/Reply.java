package io.topicguard.authz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicguard.engine.Decision;
import org.jspecify.annotations.Nullable;

import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One HTTP answer, before Netty sees it: the status, the body, headers beyond the content type
 * (the decision's explanation in {@value #REASON_HEADER}, {@code Allow} on a 405) and the word the
 * metrics count it under ({@code allow}, {@code deny}, {@code ignore}, {@code bad_request}, ...).
 */
record Reply(int status, byte[] body, String contentType, Map<String, String> headers, String label) {

    /**
     * Carries the deciding reason and {@code file:line} of every decision, for the contracts whose
     * body has no room for it (EMQX, VerneMQ): visible in a broker's debug log or a packet capture.
     */
    static final String REASON_HEADER = "x-topicguard-reason";

    static final ObjectMapper JSON = new ObjectMapper();

    Reply {
        headers = Map.copyOf(headers);
    }

    /** A JSON answer; {@code reason} (null when the answer is no decision) goes into {@value #REASON_HEADER}. */
    static Reply json(int status, JsonNode body, @Nullable String reason, String label) {
        try {
            return new Reply(status, JSON.writeValueAsBytes(body), "application/json",
                    reason == null ? Map.of() : Map.of(REASON_HEADER, reason), label);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of our own making always writes
        }
    }

    /** {@code {"message": ...}}: what a bad request, an unknown path or a busy service is told. */
    static Reply message(int status, String message, String label) {
        return json(status, JSON.createObjectNode().put("message", message), null, label);
    }

    /** {@code rule (policy.acl:12)}: why, and which line decided ({@code -} when no statement did). */
    static String explain(Decision decision) {
        return decision.reason().word() + " (" + decision.sourceLine() + ")";
    }
}
