package io.topicguard.cli;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.ClientRules;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Policy;

import java.util.Locale;

/**
 * One question of {@code topicguard check}, from the command line or a batch line.
 *
 * @param topic the topic name (publish) or filter (subscribe); null for connect
 */
record CheckQuestion(ClientInfo client, Kind kind, String topic, int qos, boolean retain) {

    /** The three actions of docs/cli.md. */
    enum Kind {
        CONNECT, PUBLISH, SUBSCRIBE;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The answer and, when it came from the client's connection, the fact that it did. */
    record Answer(Decision decision, boolean refusedAtConnect) {
    }

    /**
     * Asks {@code policy}. For publish and subscribe the client's connect decision comes first,
     * as in the broker: a client that may not connect (banned, anonymous refused) can neither
     * publish nor subscribe, and the answer is that connect denial with its reason.
     */
    Answer ask(Policy policy) {
        return ask(policy, ClientRules.NONE);
    }

    /** {@link #ask(Policy)} for a client whose authentication carried {@code carried} (docs/semantics.md, Client rules). */
    Answer ask(Policy policy, ClientRules carried) {
        ClientBinding binding = policy.bind(client, carried);
        Decision connect = binding.connect();
        if (kind == Kind.CONNECT) {
            return new Answer(connect, false);
        }
        if (!connect.allowed()) {
            return new Answer(connect, true);
        }
        Decision decision = kind == Kind.PUBLISH ? binding.publish(topic, qos, retain) : binding.subscribe(topic, qos);
        return new Answer(decision, false);
    }
}
