package io.topicguard.engine;

/** Why a decision came out as it did (docs/semantics.md, Questions and answers). */
public enum Reason {
    /** An active {@code ban} statement matched the client. */
    BANNED,
    /**
     * The client has no username: denied by {@code anonymous deny} (explicit or the default), or
     * allowed to connect by {@code anonymous allow}.
     */
    ANONYMOUS,
    /** A {@code superuser} statement matched the client. */
    SUPERUSER,
    /** A rule decided. */
    RULE,
    /**
     * No rule decided; the {@code default} setting did. Also the reason of an allowed connect of
     * an ordinary client (docs/semantics.md, Connect step 3), which no statement decides.
     */
    DEFAULT,
    /** The topic or filter is not valid MQTT. */
    INVALID;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
