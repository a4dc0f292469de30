package io.topicguard.broker.protocol;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's Receive Maximum for one MQTT 5 connection (MQTT 5.0 §3.2.2.3.3, §4.9): the packet
 * ids of the QoS 1 and QoS 2 PUBLISHes the client sent that the broker has not finished, a QoS 1
 * one until its PUBACK is written, a QoS 2 one until its PUBREL arrives (or a PUBREC with an error
 * code ends it). A client that sends one more than the maximum broke its side of flow control
 * (MQTT-3.3.4-9) and is disconnected with 0x93.
 *
 * <p>Packet ids, not a counter: a resent PUBLISH (DUP) or a QoS 2 id left over from an earlier
 * connection of the session must not count twice or drift the count. Admitted on the event loop;
 * released there or from whatever thread writes the acknowledgement.
 */
final class InboundQuota {

    private final int maximum;
    private final Set<Integer> open = ConcurrentHashMap.newKeySet();

    InboundQuota(int maximum) {
        this.maximum = maximum;
    }

    /** Counts {@code packetId} as unfinished; false when that would exceed the maximum (it is then not counted). */
    boolean admit(int packetId) {
        if (open.contains(packetId)) {
            return true;
        }
        if (open.size() >= maximum) {
            return false;
        }
        open.add(packetId);
        return true;
    }

    /** The exchange of {@code packetId} is finished (unknown ids are ignored). */
    void release(int packetId) {
        open.remove(packetId);
    }

    int maximum() {
        return maximum;
    }
}
