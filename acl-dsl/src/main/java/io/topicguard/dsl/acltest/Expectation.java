package io.topicguard.dsl.acltest;

import io.topicguard.dsl.ast.SourcePosition;
import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code expect} line of a test file: what a policy must answer to one question of one client.
 *
 * @param position where {@code expect} is written
 * @param text     the expectation as written (comments and line breaks inside it kept), for messages
 * @param topic    the topic (publish) or filter (subscribe); null for connect
 * @param qos      0 when not written
 * @param reason   the reason the answer must have ({@code because ...}), or null when any will do
 * @param at       the statement that must decide ({@code at "FILE:LINE"}), or null when any may
 */
public record Expectation(SourcePosition position, String text, Verdict verdict, TestClient client, Action action,
                          @Nullable String topic, int qos, boolean retain, @Nullable Reason reason,
                          @Nullable PinnedLine at) {

    public Expectation {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(action, "action");
        if ((topic == null) != (action == Action.CONNECT)) {
            throw new IllegalArgumentException("publish and subscribe have a topic, connect has none");
        }
    }

    /** The answer expected; the same words as the engine's verdicts. */
    public enum Verdict {
        ALLOW, DENY, PARTIAL;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The question asked. */
    public enum Action {
        CONNECT, PUBLISH, SUBSCRIBE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The reasons a decision can have; the same words as the engine's reasons. */
    public enum Reason {
        BANNED, ANONYMOUS, SUPERUSER, RULE, DEFAULT, INVALID;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
