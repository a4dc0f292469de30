package io.topicguard.broker.session;

/** The live network connection of a session, as the session sees it. Implementations are thread-safe. */
public interface SessionOutput {

    /**
     * Writes a PUBLISH.
     *
     * @return false when the message was not sent because it exceeds the client's Maximum Packet
     *         Size; the session then treats it as delivered (MQTT-3.1.2-25)
     */
    boolean sendPublish(int packetId, OutboundMessage message, boolean dup);

    /** Writes a PUBREL (QoS 2, second half). */
    void sendPubrel(int packetId);

    /** How many QoS 1/2 messages may be unacknowledged at once (the client's Receive Maximum in MQTT 5). */
    int receiveMaximum();

    /**
     * A new connection with the same client id took the session over (MQTT-3.1.4-3): disconnect
     * (MQTT 5: reason 0x8E) and close.
     *
     * @return this connection's will message, which the caller publishes as after any unexpected
     *         close, or null
     */
    Will takenOver();
}
