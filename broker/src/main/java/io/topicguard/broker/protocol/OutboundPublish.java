package io.topicguard.broker.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.topicguard.broker.routing.MessageExpiry;
import io.topicguard.broker.session.OutboundMessage;

/**
 * Builds and writes a PUBLISH to a client, honouring the client's Maximum Packet Size and the
 * message's expiry. Server-to-client topic aliases are set further down the pipeline, by
 * {@link OutboundTopicAliases}, in the order packets reach the wire.
 */
final class OutboundPublish {

    private OutboundPublish() {
    }

    /**
     * Writes {@code m}, or returns false when it is not sent and is to be treated as sent: it is
     * larger than the client accepts, or it expired while it waited (MQTT-3.3.2-5; whatever
     * protocol version the subscriber speaks, the message is gone). A resend ({@code dup}) of a
     * message whose delivery started goes out even when expired: the exchange must complete.
     */
    static boolean write(ClientConnection c, int packetId, OutboundMessage m, boolean dup) {
        long now = m.expiresAt() == MessageExpiry.NEVER ? 0 : System.currentTimeMillis();
        if (!dup && MessageExpiry.expired(m.expiresAt(), now)) {
            if (MqttConnectionHandler.LOG.isDebugEnabled()) {
                MqttConnectionHandler.LOG.debug("not sending a message on {} to {}: it expired", m.topic(), c.peer());
            }
            return false;
        }
        MqttProperties props = MqttProperties.NO_PROPERTIES;
        if (c.v5()) {
            if (!m.properties().isEmpty() || m.subscriptionIds().length > 0) {
                props = new MqttProperties();
                for (MqttProperties.MqttProperty<?> p : m.properties().listAll()) {
                    if (p.propertyId() == MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value() && m.expiresAt() != MessageExpiry.NEVER) {
                        // MQTT-3.3.2-6: the receiver gets what remains of the interval, not what the publisher set.
                        p = new MqttProperties.IntegerProperty(p.propertyId(), MessageExpiry.remainingSeconds(m.expiresAt(), now));
                    }
                    props.add(p);
                }
                for (int id : m.subscriptionIds()) {
                    props.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), id));
                }
            }
            if (c.clientMaximumPacketSize > 0
                    && PacketSize.publish(m.topic(), m.qos(), m.payload().length, props) > c.clientMaximumPacketSize) {
                // MQTT-3.1.2-25: discard it and behave as if it had been sent.
                MqttConnectionHandler.LOG.debug("not sending {} bytes on {} to {}: larger than its Maximum Packet Size {}",
                        m.payload().length, m.topic(), c.peer(), c.clientMaximumPacketSize);
                return false;
            }
        }
        if (m.qos() == 0 && !c.channel.isWritable()) {
            // A subscriber that does not read: QoS 0 may be lost, and memory must stay bounded.
            // Guarded: this runs for every message a slow subscriber misses, and peer() builds strings.
            if (MqttConnectionHandler.LOG.isDebugEnabled()) {
                MqttConnectionHandler.LOG.debug("dropping a QoS 0 message on {} for {}: its connection is not keeping up", m.topic(), c.peer());
            }
            return true;
        }
        ByteBuf shared = SharedPublish.frame(c, m);
        if (shared != null) {
            c.outbox.send(shared);
            return true;
        }
        MqttFixedHeader fixed = new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(m.qos()), m.retain(), 0);
        MqttPublishVariableHeader variable = new MqttPublishVariableHeader(m.topic(), m.qos() > 0 ? packetId : 0, props);
        c.outbox.send(new MqttPublishMessage(fixed, variable, Unpooled.wrappedBuffer(m.payload())));
        return true;
    }
}
