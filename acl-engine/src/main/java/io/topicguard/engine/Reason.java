package io.topicguard.engine;

/** Why a decision came out as it did (DESIGN.md §3). */
public enum Reason {
    /** An active {@code ban} statement matched the client. */
    BANNED,
    /** The client has no username and the policy says {@code anonymous deny}. */
    ANONYMOUS,
    /** A {@code superuser} statement matched the client. */
    SUPERUSER,
    /** A rule decided. */
    RULE,
    /** No rule decided; the {@code default} setting did. */
    DEFAULT,
    /** The topic or filter is not valid MQTT. */
    INVALID;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
