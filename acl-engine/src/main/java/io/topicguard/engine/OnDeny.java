package io.topicguard.engine;

/** The {@code on deny} setting: what a broker does with a client whose publish or subscribe is denied. */
public enum OnDeny {
    /** {@code on deny ignore} (the default): refuse the one packet, keep the connection. */
    IGNORE,
    /** {@code on deny disconnect}: close the connection. */
    DISCONNECT
}
