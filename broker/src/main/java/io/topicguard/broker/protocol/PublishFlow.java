package io.topicguard.broker.protocol;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.topicguard.broker.auth.DenialLog;
import io.topicguard.broker.log.LimitEvents;
import io.topicguard.broker.routing.Message;
import io.topicguard.dsl.TopicSyntax;
import io.topicguard.engine.Decision;

/**
 * PUBLISH from one connection's client and the QoS handshakes in both directions. A publication
 * is authorized (docs/semantics.md, Publish) before it is routed; a denied one is handled per docs/semantics.md, In the broker:
 * {@code on deny ignore} drops it (QoS 1/2 still acknowledged, with 0x87 in MQTT 5 so the client
 * learns why), {@code on deny disconnect} ends the connection. One per connection, made when the
 * connection opens, so a PUBLISH allocates nothing here that it did not before.
 */
final class PublishFlow {

    /** The properties forwarded from publisher to subscribers (MQTT 5.0 §3.3.2.3); topic alias and subscription ids are not. */
    private static final int[] FORWARDED = {
        MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(),
        MqttPropertyType.CONTENT_TYPE.value(), MqttPropertyType.RESPONSE_TOPIC.value(),
        MqttPropertyType.CORRELATION_DATA.value(), MqttPropertyType.USER_PROPERTY.value(),
    };

    private final ClientConnection c;
    private final CommittedAcks acks;

    PublishFlow(ClientConnection c) {
        this.c = c;
        this.acks = new CommittedAcks(c.channel);
    }

    void onPublish(MqttPublishMessage msg) {
        int qos = msg.fixedHeader().qosLevel().value();
        boolean retain = msg.fixedHeader().isRetain();
        int packetId = msg.variableHeader().packetId();
        String topic = msg.variableHeader().topicName();
        MqttProperties props = msg.variableHeader().properties();

        if (qos > 0 && c.v5() && !c.inbound.admit(packetId)) {
            MqttConnectionHandler.LOG.debug("closing {}: more than {} QoS 1/2 PUBLISHes unacknowledged", c.peer(), c.inbound.maximum());
            c.disconnect(ReasonCodes.RECEIVE_MAXIMUM_EXCEEDED); // MQTT-3.3.4-9, MQTT 5.0 §4.9
            return;
        }
        if (c.v5()) {
            MqttProperties.MqttProperty<?> alias = props.getProperty(MqttPropertyType.TOPIC_ALIAS.value());
            if (alias != null) {
                int a = (Integer) alias.value();
                if (a == 0 || a > c.broker.limits().topicAliasMaximum()) {
                    c.disconnect(ReasonCodes.TOPIC_ALIAS_INVALID); // MQTT-3.3.2-8/9
                    return;
                }
                if (topic.isEmpty()) {
                    topic = c.topicAliases.get(a);
                    if (topic == null) {
                        c.protocolError("topic alias " + a + " used before it was set");
                        return;
                    }
                } else {
                    c.topicAliases.put(a, topic);
                }
            }
        }
        String problem = TopicSyntax.nameProblem(topic);
        if (problem != null) {
            MqttConnectionHandler.LOG.debug("closing {}: PUBLISH topic: {}", c.peer(), problem);
            c.disconnect(ReasonCodes.TOPIC_NAME_INVALID);
            return;
        }
        if (topic.length() > c.broker.limits().maximumTopicLength()) {
            c.limitReached(LimitEvents.Limit.TOPIC_LENGTH, topic.length() + " characters");
            refuse(qos, packetId, ReasonCodes.TOPIC_NAME_INVALID);
            return;
        }
        if (qos == 2 && c.session.pendingIncomingQos2(packetId)) {
            // A resend of a QoS 2 message we already have (MQTT-4.3.3-9): acknowledge, do not deliver twice.
            c.channel.writeAndFlush(Packets.pubRec(packetId, ReasonCodes.SUCCESS));
            return;
        }

        Decision decision = c.access.publish(topic, qos, retain);
        if (!decision.allowed()) {
            if (c.mayLogDenial()) {
                DenialLog.denied(c.access.client(), "publish", topic, decision);
            }
            if (c.access.disconnectOnDeny()) {
                c.disconnect(ReasonCodes.NOT_AUTHORIZED);
                return;
            }
            refuse(qos, packetId, ReasonCodes.NOT_AUTHORIZED);
            return;
        }

        Message m = new Message(topic, ByteBufUtil.getBytes(msg.payload()), qos, retain, c.v5() ? forwardable(props) : null,
                c.session.clientId());
        LimitEvents.Limit stopped = c.broker.router().publish(m);
        if (stopped == LimitEvents.Limit.RETAINED_MESSAGES || stopped == LimitEvents.Limit.RETAINED_BYTES) {
            c.limitReached(stopped, "a retained message on a new topic was refused");
            refuse(qos, packetId, ReasonCodes.QUOTA_EXCEEDED);
            return;
        }
        if (qos == 2) {
            c.session.startIncomingQos2(packetId);
        }
        // Every subscriber's queue was full (each drop counted by its session): MQTT 5 publishers learn it (0x97).
        byte code = stopped != null && c.v5() ? ReasonCodes.QUOTA_EXCEEDED : ReasonCodes.SUCCESS;
        acknowledge(qos, packetId, code);
    }

    /**
     * PUBACK or PUBREC with {@code code}, and the end of the exchange for the server's Receive
     * Maximum: a QoS 1 one ends with its PUBACK, a QoS 2 one with a PUBREC carrying an error code
     * (MQTT 5.0 §4.3.3), otherwise at PUBREL.
     */
    private void acknowledge(int qos, int packetId, byte code) {
        if (qos == 0) {
            return;
        }
        // Acknowledged only once committed (with a store): an acknowledged message survives a
        // crash. Every acknowledgement takes this path, refusals too, so they keep their order.
        afterCommit(() -> {
            if (qos == 1) {
                c.inbound.release(packetId);
                c.channel.write(Packets.pubAck(packetId, code));
            } else {
                if ((code & 0x80) != 0) {
                    c.inbound.release(packetId);
                }
                c.channel.write(Packets.pubRec(packetId, code));
            }
        });
    }

    /** Runs {@code write} on the connection's event loop once committed: the store's committer calls back on its own thread. */
    private void afterCommit(Runnable write) {
        c.broker.router().afterCommit(() -> acks.add(write));
    }

    /**
     * The publication was not accepted for {@code reason}: MQTT 5 QoS 1/2 publishers get it in
     * PUBACK/PUBREC; MQTT 3.1.1 has no way to say "refused": an ordinary acknowledgement, the
     * message dropped. QoS 0 is dropped silently.
     */
    private void refuse(int qos, int packetId, byte reason) {
        byte code = c.v5() ? reason : ReasonCodes.SUCCESS;
        if (qos == 2 && !c.v5()) {
            c.session.startIncomingQos2(packetId); // the 3.1.1 client will send PUBREL
        }
        acknowledge(qos, packetId, code);
    }

    /** PUBREL: the client's QoS 2 publication is complete (MQTT-4.3.3-11). */
    void onPubrel(int packetId) {
        c.inbound.release(packetId);
        boolean known = c.session.releaseIncomingQos2(packetId);
        // After the commit that forgets the packet id (with a store): once the client has PUBCOMP it may reuse the
        // id, and a restart must not take that new message for a resend of the old one.
        afterCommit(() -> c.channel.write(
                Packets.pubComp(packetId, known || !c.v5() ? ReasonCodes.SUCCESS : ReasonCodes.PACKET_ID_NOT_FOUND)));
    }

    /** PUBREC for a message we sent: answer PUBREL, unless an MQTT 5 error code ended the exchange (MQTT 5.0 §4.3.3). */
    void onPubrec(MqttMessage m) {
        int packetId = MqttConnectionHandler.packetId(m);
        if (m.variableHeader() instanceof MqttPubReplyMessageVariableHeader h && (h.reasonCode() & 0x80) != 0) {
            c.session.acknowledged(packetId);
            return;
        }
        boolean known = c.session.received(packetId);
        c.channel.writeAndFlush(Packets.pubRel(packetId, known || !c.v5() ? ReasonCodes.SUCCESS : ReasonCodes.PACKET_ID_NOT_FOUND));
    }

    static MqttProperties forwardable(MqttProperties in) {
        if (in == null || in.isEmpty()) {
            return MqttProperties.NO_PROPERTIES;
        }
        MqttProperties out = new MqttProperties();
        for (int id : FORWARDED) {
            for (MqttProperties.MqttProperty<?> p : in.getProperties(id)) {
                out.add(p);
            }
        }
        return out.isEmpty() ? MqttProperties.NO_PROPERTIES : out;
    }
}
