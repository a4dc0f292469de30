package io.topicguard.dsl.ast;

/** One topic entry of a rule, with the position of its string (or keyword). */
public sealed interface Topic {

    SourcePosition position();

    /**
     * An MQTT topic filter that may hold placeholders {@code ${username}}, {@code ${clientid}},
     * {@code ${cn}} (validated: only those three appear, and the filter is valid MQTT with the
     * placeholders standing for non-empty text without {@code /+#}).
     *
     * @param filter the filter with escapes decoded and placeholders left as written
     */
    record Filter(String filter, SourcePosition position) implements Topic {
    }

    /** {@code eq "X"}: only the exact string X, no wildcards, no placeholders. */
    record Exact(String topic, SourcePosition position) implements Topic {
    }

    /** {@code any}: every topic, {@code $}-topics included. */
    record Any(SourcePosition position) implements Topic {
    }
}
