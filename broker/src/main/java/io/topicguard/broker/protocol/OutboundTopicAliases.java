package io.topicguard.broker.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;

import java.util.HashMap;
import java.util.Map;

/**
 * Server-to-client topic aliases of one MQTT 5 connection (MQTT 5.0 §3.3.2.3.4): the first PUBLISH
 * on a topic goes out with the topic and a new alias, later ones with the alias and an empty topic.
 * Installed only for a client that announced a Topic Alias Maximum, with at most that many aliases
 * (and at most the broker's own {@link ProtocolLimits#topicAliasMaximum()}, which bounds what one
 * connection makes the broker remember).
 *
 * <p>A handler in the pipeline, not a step of {@link OutboundPublish}: the alias state must follow
 * the order packets reach the wire, and every PUBLISH passes here, on the connection's event loop,
 * in that order. It lives and dies with the channel, so a reconnect starts with no aliases
 * (MQTT-3.3.2-7: aliases are per network connection).
 *
 * <p>Aliases are handed out to the first topics sent and kept for the connection; once they are all
 * taken, other topics go out in full. Not re-mapped least-recently-used: a client reading more topics
 * than it has aliases would then get topic and alias, longer than the topic alone, on every message.
 */
final class OutboundTopicAliases extends ChannelOutboundHandlerAdapter {

    static final String NAME = "topic-aliases";

    private final int maximum;
    private final long clientMaximumPacketSize;
    private final Map<String, Integer> aliases = new HashMap<>();

    /** @param clientMaximumPacketSize the client's Maximum Packet Size, 0 for none: an alias never makes a packet exceed it */
    OutboundTopicAliases(int maximum, long clientMaximumPacketSize) {
        this.maximum = maximum;
        this.clientMaximumPacketSize = clientMaximumPacketSize;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof MqttPublishMessage p ? aliased(p) : msg, promise);
    }

    private MqttPublishMessage aliased(MqttPublishMessage p) {
        MqttPublishVariableHeader vh = p.variableHeader();
        String topic = vh.topicName();
        Integer alias = aliases.get(topic);
        boolean known = alias != null;
        if (!known) {
            if (aliases.size() >= maximum) {
                return p;
            }
            alias = aliases.size() + 1;
        }
        MqttProperties props = new MqttProperties();
        for (MqttProperties.MqttProperty<?> property : vh.properties().listAll()) {
            props.add(property);
        }
        props.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS.value(), alias));
        String sent = known ? "" : topic;
        if (clientMaximumPacketSize > 0
                && PacketSize.publish(sent, p.fixedHeader().qosLevel().value(), p.payload().readableBytes(), props) > clientMaximumPacketSize) {
            return p; // it fitted without the alias (OutboundPublish checked); it goes as it was
        }
        if (!known) {
            aliases.put(topic, alias);
        }
        return new MqttPublishMessage(p.fixedHeader(), new MqttPublishVariableHeader(sent, vh.packetId(), props), p.payload());
    }
}
